import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { inputLength } from '../../../../shared/ml/cards';
import { builtinMobileNetCard } from '../../../../shared/ml/builtinNetworks';
import { nsfwjsMobileNetV2 } from '../../../../electron/worker/backbones/builtin/nsfwjsModel';
import { fileModelIO } from '../../../../electron/worker/backbones/tfjsFiles';
import { decodeForCard } from '../../../../electron/worker/images/decodeForCard';
import { layersModelToOnnx, type LayersArtifacts } from '../../../../electron/worker/onnx/layersToOnnx';
import { decodeLayersWeights, type LayersWeightSpec } from '../../../../electron/worker/onnx/layersWeights';
import { selectBackend } from '../../../../electron/worker/tf/backend';
import { artifactsOf, comparisonImages, layersZoo } from '../../../helpers/layersZoo';
import { tempDir } from '../../../helpers/tempProject';
import { writeTinyTfjsModel } from '../../../helpers/tinyModels';

beforeAll(async () => {
  await selectBackend({ only: ['wasm'] });
});

/** Runs `bytes` in onnxruntime on an NHWC batch and returns the only output. */
async function runOnnx(bytes: Uint8Array, input: Float32Array, dims: number[]): Promise<{ data: Float32Array; dims: readonly number[] }> {
  const session = await ort.InferenceSession.create(bytes);
  try {
    const result = await session.run({ [session.inputNames[0]]: new ort.Tensor('float32', input, dims) });
    const output = result[session.outputNames[0]];
    return { data: output.data as Float32Array, dims: output.dims };
  } finally {
    await session.release();
  }
}

/** The same layer's output computed by TF.js itself. */
async function runTfjs(artifacts: LayersArtifacts, layer: string, input: Float32Array, dims: number[]): Promise<{ data: Float32Array; dims: number[] }> {
  const model = await tf.loadLayersModel(tf.io.fromMemory(artifacts as tf.io.ModelArtifacts));
  try {
    const features = tf.model({ inputs: model.inputs, outputs: model.getLayer(layer).output as tf.SymbolicTensor });
    const y = tf.tidy(() => features.predict(tf.tensor(input, dims)) as tf.Tensor);
    const data = (await y.data()) as Float32Array;
    y.dispose();
    return { data, dims: y.shape };
  } finally {
    model.dispose();
  }
}

function maxAbsDifference(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

const onnxChecker = (() => {
  const python = '/usr/bin/python3';
  if (!existsSync(python)) return null;
  return spawnSync(python, ['-c', 'import onnx'], { stdio: 'ignore' }).status === 0 ? python : null;
})();

describe('TF.js layers → ONNX converter', () => {
  it('the built-in MobileNetV2 as ONNX gives the TF.js embedding of the same real images (max abs difference ≤ 1e-4)', async () => {
    const artifacts = await nsfwjsMobileNetV2();
    const bytes = layersModelToOnnx(artifacts, { outputLayer: 'flatten_1' });
    const card = builtinMobileNetCard;
    const paths = await comparisonImages(await tempDir());
    const length = inputLength(card);
    const batch = new Float32Array(paths.length * length);
    await Promise.all(paths.map((path, i) => decodeForCard(path, card, batch, i * length)));
    const dims = [paths.length, 224, 224, 3];
    const onnx = await runOnnx(bytes, batch, dims);
    const tfjs = await runTfjs(artifacts, 'flatten_1', batch, dims);
    expect(onnx.dims).toEqual([paths.length, 1280]);
    expect(maxAbsDifference(onnx.data, tfjs.data)).toBeLessThanOrEqual(1e-4);
    // Different pictures give different features (the comparison is not between zeros).
    expect(maxAbsDifference(onnx.data.subarray(0, 1280), onnx.data.subarray(1280, 2560))).toBeGreaterThan(0.1);
  });

  it('padding, depthwise multipliers, pooling, merges, flatten order and dense layers match TF.js on an odd-sized input', async () => {
    const model = layersZoo();
    const artifacts = await artifactsOf(model);
    model.dispose();
    const dims = [2, 15, 13, 3];
    const input = Float32Array.from({ length: 2 * 15 * 13 * 3 }, (_, i) => Math.sin(i * 0.77) * 2);
    for (const layer of ['probs', 'flat', 'reshape', 'add', 'concat', 'pad']) {
      const onnx = await runOnnx(layersModelToOnnx(artifacts, { outputLayer: layer }), input, dims);
      const tfjs = await runTfjs(artifacts, layer, input, dims);
      expect(onnx.dims, layer).toEqual(tfjs.dims);
      expect(maxAbsDifference(onnx.data, tfjs.data), layer).toBeLessThanOrEqual(1e-4);
    }
  });

  it('converts a sequential model saved by TF.js, naming the input as asked', async () => {
    const { modelPath } = await writeTinyTfjsModel(join(await tempDir(), 'tiny'));
    const model = await tf.loadLayersModel(fileModelIO(modelPath));
    const artifacts = await artifactsOf(model);
    model.dispose();
    const bytes = layersModelToOnnx(artifacts, { outputLayer: 'features', inputName: 'image' });
    const session = await ort.InferenceSession.create(bytes);
    expect(session.inputNames).toEqual(['image']);
    expect(session.outputNames).toEqual(['features']);
    await session.release();
    const input = Float32Array.from({ length: 16 * 16 * 3 }, (_, i) => (i % 7) / 7);
    const onnx = await runOnnx(bytes, input, [1, 16, 16, 3]);
    const tfjs = await runTfjs(artifacts, 'features', input, [1, 16, 16, 3]);
    expect(maxAbsDifference(onnx.data, tfjs.data)).toBeLessThanOrEqual(1e-5);
  });

  it('dequantizes uint8, uint16 and float16 weights exactly as TF.js does', () => {
    const specs: LayersWeightSpec[] = [
      { name: 'a', shape: [3], dtype: 'float32', quantization: { dtype: 'uint8', scale: 0.5, min: -1 } },
      { name: 'b', shape: [2], dtype: 'float32', quantization: { dtype: 'uint16', scale: 0.001, min: 2 } },
      { name: 'c', shape: [3], dtype: 'float32', quantization: { dtype: 'float16' } },
      { name: 'd', shape: [2], dtype: 'float32' },
    ];
    // Shards split anywhere: here inside the uint16 weight.
    const bytes = new Uint8Array([0, 7, 255, 1, 0, 0, 1, 0x00, 0x3c, 0x00, 0xc0, 0x55, 0x35, ...new Uint8Array(Float32Array.of(0.25, -3).buffer)]);
    const shards = [bytes.slice(0, 4).buffer, bytes.slice(4).buffer];
    const ours = decodeLayersWeights(specs, shards);
    const theirs = tf.io.decodeWeights(bytes.buffer, specs as tf.io.WeightsManifestEntry[]);
    for (const spec of specs) expect(Array.from(ours.get(spec.name)!.values), spec.name).toEqual(Array.from(theirs[spec.name].dataSync()));
    expect(Array.from(ours.get('c')!.values)).toEqual([1, -2, Math.fround(0.333251953125)]);
    tf.dispose(Object.values(theirs));
  });

  it('says which layer it cannot convert, and what it can', async () => {
    const input = tf.input({ shape: [8, 8, 3] });
    const up = tf.layers.upSampling2d({ size: [2, 2], name: 'grow' }).apply(input) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: up });
    const artifacts = await artifactsOf(model);
    model.dispose();
    expect(() => layersModelToOnnx(artifacts, { outputLayer: 'grow' })).toThrow(/no op for UpSampling2D \(layer "grow"\)/);
    expect(() => layersModelToOnnx(artifacts, { outputLayer: 'nope' })).toThrow(/no layer "nope"/);
  });

  it.skipIf(!onnxChecker)("passes the ONNX checker of Debian's python3-onnx (IR 8, opset ≤ 17)", async () => {
    const artifacts = await nsfwjsMobileNetV2();
    const path = join(await tempDir(), 'mobilenetv2.onnx');
    await writeFile(path, layersModelToOnnx(artifacts, { outputLayer: 'dense_3' }));
    const script = 'import onnx,sys; m=onnx.load(sys.argv[1]); onnx.checker.check_model(m, full_check=True); print(m.ir_version, max(o.version for o in m.opset_import))';
    const [ir, opset] = execFileSync(onnxChecker!, ['-c', script, path], { encoding: 'utf8' }).trim().split(' ').map(Number);
    expect(ir).toBe(8);
    expect(opset).toBeLessThanOrEqual(17);
  });
});
