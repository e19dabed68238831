import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import onnxProto from 'onnx-proto';
import * as tf from '@tensorflow/tfjs';
import type { BackboneCard } from '../../shared/ml/cards';
import { fileModelIO } from '../../electron/worker/backbones/tfjsFiles';

// Tiny real models for tests: ONNX graphs built in plain JS with onnx-proto (onnxruntime-node
// loads and runs them) and a TF.js layers model saved to disk. Weights are deterministic.

const { onnx } = onnxProto;
const FLOAT = onnx.TensorProto.DataType.FLOAT;
const INTS = onnx.AttributeProto.AttributeType.INTS;
const INT = onnx.AttributeProto.AttributeType.INT;

type Dim = number | string;
type Node = { opType: string; input: string[]; output: string[]; attribute?: object[] };

function valueInfo(name: string, dims: Dim[]) {
  return { name, type: { tensorType: { elemType: FLOAT, shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) } } } };
}

function initializer(name: string, dims: number[], seed: number, scale = 0.2) {
  const size = dims.reduce((a, b) => a * b, 1);
  const values = new Float32Array(size).map((_, i) => Math.sin(i * 12.9898 + seed * 78.233) * scale);
  return { name, dims, dataType: FLOAT, rawData: new Uint8Array(values.buffer) };
}

function ints(name: string, values: number[]) {
  return { name, type: INTS, ints: values };
}

function encode(graph: { name: string; input: object[]; output: object[]; initializer: object[]; node: Node[] }): Uint8Array {
  const model = onnx.ModelProto.create({ irVersion: 7, opsetImport: [{ domain: '', version: 13 }], producerName: 'studio-tests', graph });
  return onnx.ModelProto.encode(model).finish();
}

export interface TinyOnnxOptions {
  size?: number;
  channels?: 1 | 3;
  embeddingSize?: number;
  outputName?: string;
  /** Adds a Gemm classifier after the features: the graph output becomes `logits`. */
  classifier?: number;
}

/** Conv 3×3 → ReLU → GlobalAveragePool → Flatten → `embedding` [batch, embeddingSize] (NCHW). */
export function tinyConvOnnx(options: TinyOnnxOptions = {}): Uint8Array {
  const { size = 16, channels = 3, embeddingSize = 8, outputName = 'embedding', classifier } = options;
  const features = classifier ? 'features' : outputName;
  const node: Node[] = [
    { opType: 'Conv', input: ['pixels', 'W', 'B'], output: ['conv'], attribute: [ints('pads', [1, 1, 1, 1]), ints('kernel_shape', [3, 3])] },
    { opType: 'Relu', input: ['conv'], output: ['relu'] },
    { opType: 'GlobalAveragePool', input: ['relu'], output: ['pooled'] },
    { opType: 'Flatten', input: ['pooled'], output: [features], attribute: [{ name: 'axis', type: INT, i: 1 }] },
  ];
  const inits = [initializer('W', [embeddingSize, channels, 3, 3], 1), initializer('B', [embeddingSize], 2, 0.05)];
  let output = valueInfo(outputName, ['batch', embeddingSize]);
  if (classifier) {
    node.push({ opType: 'Gemm', input: [features, 'C', 'CB'], output: ['logits'], attribute: [{ name: 'transB', type: INT, i: 1 }] });
    inits.push(initializer('C', [classifier, embeddingSize], 3), initializer('CB', [classifier], 4));
    output = valueInfo('logits', ['batch', classifier]);
  }
  return encode({ name: 'tiny', input: [valueInfo('pixels', ['batch', channels, size, size])], output: [output], initializer: inits, node });
}

/** The card that matches `tinyConvOnnx` with the same options. */
export function tinyOnnxCard(id: string, options: TinyOnnxOptions = {}): BackboneCard {
  const { size = 16, channels = 3, embeddingSize = 8, outputName = 'embedding', classifier } = options;
  return {
    id,
    name: `Tiny ONNX ${id}`,
    engine: 'onnx',
    input: { width: size, height: size, channels, layout: 'NCHW' },
    preprocess: { resize: 'cover', cropFraction: 1, scale: 1 / 255, mean: Array(channels).fill(0.5), std: Array(channels).fill(0.25) },
    output: classifier ? { tap: 'classifier-input', pool: 'flatten' } : { name: outputName, tap: 'output', pool: 'flatten' },
    embeddingSize,
  };
}

export async function writeTinyOnnx(path: string, options: TinyOnnxOptions = {}): Promise<string> {
  await writeFile(path, tinyConvOnnx(options));
  return path;
}

/**
 * A MobileNetV2-shaped network with random weights (stem, inverted-residual blocks with
 * depthwise convolutions, 1×1 to 1280, global pool) for benchmarks: close to the real
 * network's cost without a download. Output `embedding` [batch, 1280].
 */
export function mobileNetV2LikeOnnx(size = 224): Uint8Array {
  const node: Node[] = [];
  const inits: object[] = [];
  let seed = 10;
  let tensor = 'pixels';
  let channels = 3;
  let n = 0;
  const conv = (out: number, kernel: number, stride: number, group: number, relu: boolean) => {
    const name = `c${n++}`;
    inits.push(initializer(`${name}_w`, [out, channels / group, kernel, kernel], seed++, 0.1), initializer(`${name}_b`, [out], seed++, 0.01));
    const pad = Math.floor(kernel / 2);
    node.push({
      opType: 'Conv',
      input: [tensor, `${name}_w`, `${name}_b`],
      output: [name],
      attribute: [ints('kernel_shape', [kernel, kernel]), ints('strides', [stride, stride]), ints('pads', [pad, pad, pad, pad]), { name: 'group', type: INT, i: group }],
    });
    tensor = name;
    channels = out;
    if (relu) {
      node.push({ opType: 'Clip', input: [name, 'zero', 'six'], output: [`${name}_r`] });
      tensor = `${name}_r`;
    }
  };
  inits.push({ name: 'zero', dims: [], dataType: FLOAT, rawData: new Uint8Array(new Float32Array([0]).buffer) });
  inits.push({ name: 'six', dims: [], dataType: FLOAT, rawData: new Uint8Array(new Float32Array([6]).buffer) });
  conv(32, 3, 2, 1, true);
  // (expansion t, output c, repeats n, stride s) as in the MobileNetV2 paper.
  const settings = [[1, 16, 1, 1], [6, 24, 2, 2], [6, 32, 3, 2], [6, 64, 4, 2], [6, 96, 3, 1], [6, 160, 3, 2], [6, 320, 1, 1]];
  for (const [t, c, repeats, s] of settings) {
    for (let i = 0; i < repeats; i++) {
      const input = tensor;
      const inChannels = channels;
      if (t !== 1) conv(channels * t, 1, 1, 1, true);
      conv(channels, 3, i === 0 ? s : 1, channels, true);
      conv(c, 1, 1, 1, false);
      if (i > 0 && inChannels === c) {
        node.push({ opType: 'Add', input: [input, tensor], output: [`${tensor}_add`] });
        tensor = `${tensor}_add`;
      }
    }
  }
  conv(1280, 1, 1, 1, true);
  node.push({ opType: 'GlobalAveragePool', input: [tensor], output: ['pooled'] });
  node.push({ opType: 'Flatten', input: ['pooled'], output: ['embedding'], attribute: [{ name: 'axis', type: INT, i: 1 }] });
  return encode({ name: 'mobilenetv2-like', input: [valueInfo('pixels', ['batch', 3, size, size])], output: [valueInfo('embedding', ['batch', 1280])], initializer: inits, node });
}

export function mobileNetV2LikeCard(id = 'mobilenetv2-like'): BackboneCard {
  return {
    id,
    name: 'MobileNetV2-shaped (random weights)',
    engine: 'onnx',
    input: { width: 224, height: 224, channels: 3, layout: 'NCHW' },
    preprocess: { resize: 'center-crop', cropFraction: 0.875, scale: 1 / 255, mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] },
    output: { name: 'embedding', tap: 'output', pool: 'flatten' },
    embeddingSize: 1280,
  };
}

/**
 * A tiny TF.js layers model saved as model.json + weights.bin in `dir`: conv → global pool
 * → dense `features` (the embedding) → dense softmax `logits`. NHWC, like most TF.js models.
 */
export async function writeTinyTfjsModel(dir: string, options: { size?: number; embeddingSize?: number } = {}): Promise<{ modelPath: string; card: BackboneCard }> {
  const { size = 16, embeddingSize = 6 } = options;
  await mkdir(dir, { recursive: true });
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [size, size, 3], filters: 4, kernelSize: 3, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }),
      tf.layers.globalAveragePooling2d({}),
      tf.layers.dense({ units: embeddingSize, activation: 'relu', name: 'features', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
      tf.layers.dense({ units: 3, activation: 'softmax', name: 'logits', kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) }),
    ],
  });
  const modelPath = join(dir, 'model.json');
  await model.save(fileModelIO(modelPath));
  model.dispose();
  const card: BackboneCard = {
    id: 'tiny-tfjs',
    name: 'Tiny TF.js layers model',
    engine: 'tfjs',
    input: { width: size, height: size, channels: 3, layout: 'NHWC' },
    preprocess: { resize: 'cover', cropFraction: 1, scale: 1 / 255, mean: [0, 0, 0], std: [1, 1, 1] },
    output: { name: 'features', tap: 'output', pool: 'flatten' },
    embeddingSize,
  };
  return { modelPath, card };
}

/**
 * A tiny TF.js graph model (the converter's format) written by hand: `pixels` [batch, 4, 4, 3]
 * → Mean over height and width → `embedding` [batch, 3].
 */
export async function writeTinyTfjsGraphModel(dir: string): Promise<{ modelPath: string; card: BackboneCard }> {
  await mkdir(dir, { recursive: true });
  const dims = (sizes: number[]) => ({ dim: sizes.map((size) => ({ size: String(size) })) });
  const json = {
    format: 'graph-model',
    generatedBy: 'studio-tests',
    convertedBy: 'hand',
    modelTopology: {
      node: [
        { name: 'pixels', op: 'Placeholder', attr: { dtype: { type: 'DT_FLOAT' }, shape: { shape: dims([-1, 4, 4, 3]) } } },
        { name: 'axes', op: 'Const', attr: { dtype: { type: 'DT_INT32' }, value: { tensor: { dtype: 'DT_INT32', tensorShape: dims([2]) } } } },
        { name: 'embedding', op: 'Mean', input: ['pixels', 'axes'], attr: { keep_dims: { b: false }, T: { type: 'DT_FLOAT' }, Tidx: { type: 'DT_INT32' } } },
      ],
      versions: { producer: 1 },
    },
    weightsManifest: [{ paths: ['weights.bin'], weights: [{ name: 'axes', shape: [2], dtype: 'int32' }] }],
  };
  const modelPath = join(dir, 'model.json');
  await writeFile(modelPath, JSON.stringify(json));
  await writeFile(join(dir, 'weights.bin'), Buffer.from(new Int32Array([1, 2]).buffer));
  const card: BackboneCard = {
    id: 'tiny-graph',
    name: 'Tiny TF.js graph model',
    engine: 'tfjs',
    input: { width: 4, height: 4, channels: 3, layout: 'NHWC' },
    preprocess: { resize: 'cover', cropFraction: 1, scale: 1 / 255, mean: [0, 0, 0], std: [1, 1, 1] },
    output: { tap: 'output', pool: 'flatten' },
    embeddingSize: 3,
  };
  return { modelPath, card };
}
