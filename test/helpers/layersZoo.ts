import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import * as tf from '@tensorflow/tfjs';
import { mulberry32 } from '../../shared/domain/mulberry32';
import type { LayersArtifacts } from '../../electron/worker/onnx/layersToOnnx';
import { randomScene, sceneSvg, shapeClasses } from '../../electron/services/demo/shapes';

/** The artifacts `model.save` writes, captured in memory. */
export async function artifactsOf(model: tf.LayersModel): Promise<LayersArtifacts> {
  let saved: tf.io.ModelArtifacts | null = null;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  const { modelTopology, weightSpecs, weightData } = saved!;
  return { modelTopology, weightSpecs: weightSpecs!, weightData: weightData! };
}

/**
 * A functional TF.js model with one of nearly every layer the converter handles, on an odd
 * input size (15×13) so TF's uneven `same` padding shows, with seeded non-trivial weights
 * (batch-norm statistics included). Layers worth reading back: `probs`, `flat`, `reshape`, `add`, `concat`, `pad`.
 */
export function layersZoo(): tf.LayersModel {
  const L = tf.layers;
  const input = tf.input({ shape: [15, 13, 3], name: 'pixels' });
  const apply = (layer: tf.layers.Layer, x: tf.SymbolicTensor | tf.SymbolicTensor[]) => layer.apply(x) as tf.SymbolicTensor;
  const a = apply(L.conv2d({ filters: 4, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', name: 'conv_same_s2' }), input);
  const b = apply(L.depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2, padding: 'same', name: 'dw_same' }), a);
  const r6 = apply(L.reLU({ maxValue: 6, name: 'relu6' }), apply(L.batchNormalization({ name: 'bn' }), b));
  const pad = apply(L.zeroPadding2d({ padding: [[0, 1], [1, 0]], name: 'pad' }), r6);
  const dwValid = apply(L.depthwiseConv2d({ kernelSize: 3, strides: 2, padding: 'valid', useBias: false, name: 'dw_valid' }), pad);
  const pw = apply(L.conv2d({ filters: 8, kernelSize: 1, padding: 'same', useBias: false, name: 'pw' }), dwValid);
  const add = apply(L.add({ name: 'add' }), [dwValid, pw]);
  const maxPool = apply(L.maxPooling2d({ poolSize: 2, strides: 2, padding: 'same', name: 'maxpool' }), r6);
  const avgPool = apply(L.averagePooling2d({ poolSize: 3, strides: 2, padding: 'same', name: 'avgpool' }), r6);
  const concat = apply(L.concatenate({ name: 'concat' }), [maxPool, avgPool]);
  const leaky = apply(L.leakyReLU({ alpha: 0.1, name: 'leaky' }), apply(L.multiply({ name: 'mul' }), [concat, concat]));
  const flat = apply(L.flatten({ name: 'flat' }), apply(L.reshape({ targetShape: [16, 16], name: 'reshape' }), leaky));
  const gap = apply(L.globalAveragePooling2d({ name: 'gap' }), add);
  const both = apply(L.concatenate({ name: 'both' }), [flat, gap]);
  const dense = apply(L.dense({ units: 6, activation: 'tanh', name: 'dense' }), both);
  const normed = apply(L.batchNormalization({ name: 'bn_1d' }), apply(L.dropout({ rate: 0.5, name: 'drop' }), dense));
  const probs = apply(L.dense({ units: 3, activation: 'softmax', name: 'probs' }), normed);
  const model = tf.model({ inputs: input, outputs: probs, name: 'zoo' });
  const random = mulberry32(7);
  model.setWeights(
    model.weights.map((w) => {
      const shape = w.shape as number[];
      const values = Float32Array.from({ length: shape.reduce((x, y) => x * y, 1) }, () => random() * 2 - 1);
      // Variances must be positive; keep them away from zero so nothing blows up.
      if (w.name.endsWith('moving_variance')) values.forEach((v, i) => (values[i] = 0.5 + Math.abs(v)));
      return tf.tensor(values, shape);
    }),
  );
  return model;
}

/**
 * A few real pictures for comparing two runs of one network: demo shapes, a photo-like
 * gradient with noise and a block pattern, of different sizes. Returns their paths.
 */
export async function comparisonImages(dir: string): Promise<string[]> {
  const random = mulberry32(3);
  const paths: string[] = [];
  for (const [i, shape] of shapeClasses.slice(0, 2).entries()) {
    const path = join(dir, `shape-${i}.png`);
    await sharp(Buffer.from(sceneSvg(randomScene(shape, random)))).png().toFile(path);
    paths.push(path);
  }
  const width = 300;
  const height = 200;
  const noisy = Buffer.alloc(width * height * 3);
  for (let p = 0; p < width * height; p++) {
    const [x, y] = [p % width, Math.floor(p / width)];
    noisy[p * 3] = (x * 255) / width;
    noisy[p * 3 + 1] = (y * 255) / height;
    noisy[p * 3 + 2] = Math.floor(random() * 256);
  }
  paths.push(join(dir, 'gradient.jpg'));
  await sharp(noisy, { raw: { width, height, channels: 3 } }).jpeg({ quality: 85 }).toFile(paths[2]);
  const grid = Buffer.from(Array.from({ length: 6 * 4 * 3 }, () => Math.floor(random() * 256)));
  paths.push(join(dir, 'blocks.png'));
  await writeFile(paths[3], await sharp(grid, { raw: { width: 6, height: 4, channels: 3 } }).resize(96, 64, { kernel: 'nearest' }).png().toBuffer());
  return paths;
}
