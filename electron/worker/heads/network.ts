import * as tf from '@tensorflow/tfjs';
import type { HeadConfig } from './config';
import { seededRandom } from '../acquisition/seededRandom';

/** One dense layer's weights as plain arrays: kernel is `inputs × units`, row-major. */
export interface LayerWeights {
  kernel: Float32Array;
  bias: Float32Array;
  inputs: number;
  units: number;
}

/** The dense layers of a head, in order: `[dim→K]` (linear) or `[dim→H, H→K]` (mlp). */
export function layerShapes(config: HeadConfig, dim: number, numClasses: number): { inputs: number; units: number }[] {
  if (config.kind === 'linear') return [{ inputs: dim, units: numClasses }];
  return [
    { inputs: dim, units: config.hiddenUnits },
    { inputs: config.hiddenUnits, units: numClasses },
  ];
}

/**
 * Fresh seeded weights. Softmax regression is convex, so it starts from zeros (nothing
 * random to reproduce); the MLP uses He-uniform for the ReLU layer and Glorot for the output.
 */
export function initialWeights(config: HeadConfig, dim: number, numClasses: number): LayerWeights[] {
  const random = seededRandom(config.seed);
  return layerShapes(config, dim, numClasses).map(({ inputs, units }, index, all) => {
    const kernel = new Float32Array(inputs * units);
    if (config.kind === 'mlp') {
      const last = index === all.length - 1;
      const limit = last ? Math.sqrt(6 / (inputs + units)) : Math.sqrt(6 / inputs);
      for (let i = 0; i < kernel.length; i++) kernel[i] = (random.next() * 2 - 1) * limit;
    }
    return { kernel, bias: new Float32Array(units), inputs, units };
  });
}

export interface DenseLayer {
  kernel: tf.Tensor2D;
  bias: tf.Tensor1D;
}

/**
 * Logits for already-standardised rows. Dropout is applied by the caller: on the input rows
 * of a linear head before they are uploaded, and through `hiddenMask` (0 or 1/(1−rate) per
 * hidden unit) for an MLP, so every random draw comes from our seeded generator.
 */
export function forward(layers: DenseLayer[], config: HeadConfig, x: tf.Tensor2D, hiddenMask?: tf.Tensor2D): tf.Tensor2D {
  if (config.kind === 'linear') return tf.add(tf.matMul(x, layers[0].kernel), layers[0].bias);
  let hidden = tf.relu(tf.add(tf.matMul(x, layers[0].kernel), layers[0].bias)) as tf.Tensor2D;
  if (hiddenMask) hidden = tf.mul(hidden, hiddenMask);
  return tf.add(tf.matMul(hidden, layers[1].kernel), layers[1].bias);
}

/** A variable holding a copy of `values`, without leaving the temporary tensor behind. */
export function variableFrom(values: tf.Tensor, trainable = true): tf.Variable {
  const variable = tf.variable(values, trainable);
  values.dispose();
  return variable;
}
