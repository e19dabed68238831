import * as tf from '@tensorflow/tfjs';
import { StudioError } from '../../../shared/contract/channel';
import { layersFeeding, readLayersGraph, type LayerNode } from '../onnx/layersTopology';
import { decodeLayersWeights, type DecodedWeight } from '../onnx/layersWeights';
import type { LayersArtifacts } from '../onnx/layersToOnnx';

/**
 * How convolutions are differentiated. `portable` runs on every TF.js backend: a 1×1
 * convolution is a matrix product over positions and a stride-1 depthwise 3×3 a sum of
 * nine shifted slices times per-channel weights, ops whose gradients wasm and cpu have
 * (wasm has no Conv2DBackpropFilter). `native` uses TF's own conv kernels, with gradients
 * only on the libtensorflow backends, and so can train through strided convolutions.
 */
export type ConvFormulation = 'portable' | 'native';

/** The trainable top of a network: cut-point activations in, pooled features out. */
export interface TopNetwork {
  /** Layers whose weights train, in network order. */
  readonly trainedLayers: string[];
  readonly variables: tf.Variable[];
  /** [batch, h, w, c] activations at the cut → [batch, features]. */
  forward(x: tf.Tensor4D): tf.Tensor2D;
  /** Current weight values by weight name (`block_16_expand/kernel`…), for writing back. */
  weights(): Map<string, Float32Array>;
  dispose(): void;
}

type Op = (inputs: tf.Tensor[]) => tf.Tensor;

let builds = 0;

/**
 * Builds the layers between `cutLayer` (exclusive) and `outputLayer` (inclusive) of a Keras
 * layers model as TF.js ops over variables initialised from its weights. Batch norm runs
 * in inference mode (moving statistics fixed; its scale and shift train), as is usual when
 * fine-tuning on few labels.
 */
export function buildTopNetwork(artifacts: LayersArtifacts, options: { cutLayer: string; outputLayer: string; formulation: ConvFormulation }): TopNetwork {
  const build = ++builds;
  const graph = readLayersGraph(artifacts.modelTopology);
  const below = new Set(layersFeeding(graph, options.cutLayer).map((l) => l.name));
  const layers = layersFeeding(graph, options.outputLayer).filter((l) => !below.has(l.name));
  const decoded = decodeLayersWeights(artifacts.weightSpecs, artifacts.weightData);
  const variables = new Map<string, tf.Variable>();
  const constants: tf.Tensor[] = [];
  const trained: string[] = [];
  const variable = (layer: LayerNode, param: string) => {
    const weight = weightOf(decoded, layer, param);
    // Variable names are global in TF.js: a build number keeps two networks apart.
    const v = tf.tidy(() => tf.variable(tf.tensor(weight.values, weight.shape), true, `top${build}/${layer.name}/${param}`));
    variables.set(`${layer.name}/${param}`, v);
    if (!trained.includes(layer.name)) trained.push(layer.name);
    return v;
  };
  const constant = (values: Float32Array) => {
    const t = tf.tensor1d(values);
    constants.push(t);
    return t;
  };
  const ops = new Map<string, Op>();
  for (const layer of layers) ops.set(layer.name, opFor(layer, options.formulation, variable, constant, decoded));
  return {
    trainedLayers: trained,
    variables: [...variables.values()],
    forward(x) {
      const values = new Map<string, tf.Tensor>([[options.cutLayer, x]]);
      for (const layer of layers) values.set(layer.name, ops.get(layer.name)!(layer.inputs.map((name) => values.get(name)!)));
      return values.get(options.outputLayer) as tf.Tensor2D;
    },
    weights() {
      return new Map([...variables].map(([name, v]) => [name, v.dataSync() as Float32Array]));
    },
    dispose() {
      tf.dispose([...variables.values(), ...constants]);
    },
  };
}

function opFor(
  layer: LayerNode,
  formulation: ConvFormulation,
  variable: (layer: LayerNode, param: string) => tf.Variable,
  constant: (values: Float32Array) => tf.Tensor,
  decoded: Map<string, DecodedWeight>,
): Op {
  const c = layer.config;
  const cannot = (why: string) => new StudioError('unsupported', `Fine-tuning cannot train through layer "${layer.name}" (${layer.className}): ${why}.`);
  switch (layer.className) {
    case 'Conv2D': {
      const kernel = variable(layer, 'kernel');
      const bias = c.use_bias ? variable(layer, 'bias') : null;
      const [kh, kw] = kernel.shape;
      const strides = (c.strides ?? [1, 1]) as [number, number];
      const pointwise = kh === 1 && kw === 1 && strides[0] === 1 && strides[1] === 1;
      if (!pointwise && formulation === 'portable') throw cannot('only 1×1 stride-1 convolutions train on this backend');
      return ([x]) => {
        const y = pointwise ? pointwiseConv(x as tf.Tensor4D, kernel as tf.Tensor4D) : tf.conv2d(x as tf.Tensor4D, kernel as tf.Tensor4D, strides, c.padding);
        return bias ? tf.add(y, bias) : y;
      };
    }
    case 'DepthwiseConv2D': {
      const kernel = variable(layer, 'depthwise_kernel');
      const bias = c.use_bias ? variable(layer, 'bias') : null;
      const strides = (c.strides ?? [1, 1]) as [number, number];
      if ((strides[0] !== 1 || strides[1] !== 1) && formulation === 'portable') throw cannot('strided depthwise convolutions train only on a native backend');
      if (kernel.shape[3] !== 1) throw cannot('depth multipliers other than 1 are not handled');
      return ([x]) => {
        const y = formulation === 'portable' ? depthwiseBySlices(x as tf.Tensor4D, kernel as tf.Tensor4D, c.padding) : tf.depthwiseConv2d(x as tf.Tensor4D, kernel as tf.Tensor4D, strides, c.padding);
        return bias ? tf.add(y, bias) : y;
      };
    }
    case 'BatchNormalization': {
      const gamma = variable(layer, 'gamma');
      const beta = variable(layer, 'beta');
      const variance = weightOf(decoded, layer, 'moving_variance').values;
      const epsilon = c.epsilon ?? 1e-3;
      const inverse = constant(variance.map((v) => 1 / Math.sqrt(v + epsilon)));
      const mean = constant(weightOf(decoded, layer, 'moving_mean').values);
      return ([x]) => tf.add(tf.mul(tf.sub(x, mean), tf.mul(gamma, inverse)), beta);
    }
    case 'ReLU':
      if (c.negative_slope || c.threshold) throw cannot('leaky or thresholded ReLU');
      return ([x]) => (c.max_value ? tf.clipByValue(x, 0, c.max_value) : tf.relu(x));
    case 'Add':
      return (inputs) => tf.addN(inputs);
    case 'ZeroPadding2D': {
      const [[top, bottom], [left, right]] = c.padding as [[number, number], [number, number]];
      return ([x]) => tf.pad(x, [[0, 0], [top, bottom], [left, right], [0, 0]]);
    }
    case 'AveragePooling2D':
      return ([x]) => {
        const [, h, w] = x.shape;
        const pool = c.pool_size as [number, number];
        if (pool[0] === h && pool[1] === w && c.padding === 'valid') return tf.mean(x, [1, 2], true);
        if (formulation === 'portable') throw cannot('only a pool over the whole map trains on this backend');
        return tf.avgPool(x as tf.Tensor4D, pool, (c.strides ?? pool) as [number, number], c.padding);
      };
    case 'GlobalAveragePooling2D':
      return ([x]) => tf.mean(x, [1, 2]);
    case 'Flatten':
      return ([x]) => tf.reshape(x, [x.shape[0], -1]);
    case 'Dropout':
      return ([x]) => x;
    default:
      throw cannot('this kind of layer is not trainable here');
  }
}

/** A 1×1 convolution as one matrix product over every position of the batch. */
function pointwiseConv(x: tf.Tensor4D, kernel: tf.Tensor4D): tf.Tensor4D {
  const [n, h, w, c] = x.shape;
  const out = kernel.shape[3];
  return tf.reshape(matMul(tf.reshape(x, [n * h * w, c]), tf.reshape(kernel, [c, out])), [n, h, w, out]);
}

/**
 * A matrix product whose gradients transpose explicitly: TF.js differentiates matMul with
 * transposed-operand products, which the wasm backend runs 10–25× slower than a Transpose
 * followed by a plain product (measured here).
 */
export const matMul = tf.customGrad(((a: tf.Tensor2D, b: tf.Tensor2D, save: tf.GradSaveFunc) => {
  save([a, b]);
  return {
    value: tf.matMul(a, b),
    gradFunc: (dy: tf.Tensor2D, [sa, sb]: tf.Tensor2D[]) => [tf.matMul(dy, tf.transpose(sb)), tf.matMul(tf.transpose(sa), dy)],
  };
}) as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as (a: tf.Tensor, b: tf.Tensor) => tf.Tensor2D;

/**
 * A stride-1 depthwise convolution as Σ over kernel taps of a shifted slice of the padded
 * input times that tap's per-channel weights: slice, pad and multiply have gradients on
 * every backend, DepthwiseConv2dNativeBackpropFilter does not (wasm).
 */
function depthwiseBySlices(x: tf.Tensor4D, kernel: tf.Tensor4D, padding: string): tf.Tensor4D {
  const [n, h, w, c] = x.shape;
  const [kh, kw] = kernel.shape;
  const same = padding === 'same';
  const [padH, padW] = [kh - 1, kw - 1];
  const padded = same ? tf.pad(x, [[0, 0], [Math.floor(padH / 2), padH - Math.floor(padH / 2)], [Math.floor(padW / 2), padW - Math.floor(padW / 2)], [0, 0]]) : x;
  const [oh, ow] = same ? [h, w] : [h - padH, w - padW];
  const taps: tf.Tensor[] = [];
  for (let i = 0; i < kh; i++) {
    for (let j = 0; j < kw; j++) {
      const tap = tf.reshape(tf.slice(kernel, [i, j, 0, 0], [1, 1, c, 1]), [c]);
      taps.push(tf.mul(tf.slice(padded, [0, i, j, 0], [n, oh, ow, c]), tap));
    }
  }
  return tf.addN(taps) as tf.Tensor4D;
}

function weightOf(decoded: Map<string, DecodedWeight>, layer: LayerNode, param: string): DecodedWeight {
  const weight = decoded.get(`${layer.name}/${param}`);
  if (!weight) throw new StudioError('invalid-request', `The weights have no "${layer.name}/${param}".`);
  return weight;
}
