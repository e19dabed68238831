import * as tf from '@tensorflow/tfjs';
import { StudioError } from '../../../shared/contract/channel';
import { validateHeadConfig, type HeadConfig } from './config';
import { forward, layerShapes, type DenseLayer, type LayerWeights } from './network';
import { decodeTensor, encodeTensor } from './savedTensor';
import { seededRandom } from '../acquisition/seededRandom';
import { applyRowDropout, dropoutMask, dropoutSeed } from './dropoutMask';
import { standardizeRows, type Standardizer } from './standardize';
import type { Head, SavedHead } from './types';

/** Rows per forward pass: big enough for fast matmuls, small enough to bound memory (~32 MB). */
export function chunkRows(dim: number): number {
  return Math.max(256, Math.floor(8_000_000 / dim));
}

/**
 * A head backed by TF.js tensors it owns. `predict` uses the first layer with the
 * standardisation folded in (x·(s∘W) + b − (m∘s)·W), so raw rows go straight into one
 * matmul; MC-dropout passes standardise explicitly because the dropout mask must act on
 * standardised features.
 */
export class TfHead implements Head {
  private readonly layers: DenseLayer[];
  private readonly folded: DenseLayer[];
  private readonly mean: tf.Tensor1D;
  private readonly scale: tf.Tensor1D;
  private disposed = false;

  constructor(
    readonly config: HeadConfig,
    readonly dim: number,
    readonly numClasses: number,
    private readonly standardizer: Standardizer,
    private readonly weights: LayerWeights[],
  ) {
    this.mean = tf.tensor1d(standardizer.mean);
    this.scale = tf.tensor1d(standardizer.scale);
    this.layers = weights.map((w) => ({ kernel: tf.tensor2d(w.kernel, [w.inputs, w.units]), bias: tf.tensor1d(w.bias) }));
    this.folded = tf.tidy(() => {
      const first = this.layers[0];
      const kernel = tf.mul(first.kernel, tf.reshape(this.scale, [dim, 1])) as tf.Tensor2D;
      const shift = tf.mul(this.mean, this.scale).reshape([1, dim]);
      const bias = tf.sub(first.bias, tf.matMul(shift, first.kernel).reshape([-1])) as tf.Tensor1D;
      return [{ kernel, bias }, ...this.layers.slice(1).map((l) => ({ kernel: tf.clone(l.kernel), bias: tf.clone(l.bias) }))];
    });
  }

  predict(x: Float32Array, count: number): Float32Array {
    this.checkInput(x, count);
    const k = this.numClasses;
    const out = new Float32Array(count * k);
    const step = chunkRows(this.dim);
    for (let start = 0; start < count; start += step) {
      const rows = Math.min(step, count - start);
      const probabilities = tf.tidy(() => {
        const input = tf.tensor2d(x.subarray(start * this.dim, (start + rows) * this.dim), [rows, this.dim]);
        return tf.softmax(forward(this.folded, this.config, input));
      });
      out.set(probabilities.dataSync() as Float32Array, start * k);
      probabilities.dispose();
    }
    return out;
  }

  predictPasses(x: Float32Array, count: number, passes: number, seed: number): Float32Array {
    this.checkInput(x, count);
    const { config, dim, numClasses: k } = this;
    if (config.dropout <= 0) throw noDropoutError();
    const random = seededRandom(seed);
    const out = new Float32Array(passes * count * k);
    const step = chunkRows(dim);
    for (let start = 0; start < count; start += step) {
      const rows = Math.min(step, count - start);
      const standardized = standardizeRows(x, start, rows, this.standardizer);
      const shared = config.kind === 'mlp' ? tf.tensor2d(standardized, [rows, dim]) : null;
      for (let pass = 0; pass < passes; pass++) {
        const probabilities = tf.tidy(() => {
          if (shared) {
            const mask = tf.tensor2d(dropoutMask(rows * config.hiddenUnits, config.dropout, random), [rows, config.hiddenUnits]);
            return tf.softmax(forward(this.layers, config, shared, mask));
          }
          const dropped = Float32Array.from(standardized);
          applyRowDropout(dropped, rows, dim, config.dropout, dropoutSeed(random));
          return tf.softmax(forward(this.layers, config, tf.tensor2d(dropped, [rows, dim])));
        });
        out.set(probabilities.dataSync() as Float32Array, (pass * count + start) * k);
        probabilities.dispose();
      }
      shared?.dispose();
    }
    return out;
  }

  save(): SavedHead {
    return savedHead(this.config, this.dim, this.numClasses, this.standardizer, this.weights);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    tf.dispose([this.mean, this.scale, ...this.layers.flatMap((l) => [l.kernel, l.bias]), ...this.folded.flatMap((l) => [l.kernel, l.bias])]);
  }

  private checkInput(x: Float32Array, count: number): void {
    if (this.disposed) throw new Error('This head has been disposed');
    checkRows(x, count, this.dim);
  }
}

/** Throws a clear error when `x` holds fewer than `count` rows of `dim` features. */
export function checkRows(x: Float32Array, count: number, dim: number): void {
  if (!Number.isInteger(count) || count < 0 || x.length < count * dim) {
    throw new StudioError('invalid-request', `Expected ${count} rows of ${dim} features (${count * dim} floats) but got ${x.length}.`, 'Embeddings must come from the same backbone the head was trained on.');
  }
}

/** The error MC dropout gives on a head trained without dropout. */
export function noDropoutError(): StudioError {
  return new StudioError('unsupported', 'This head was trained without dropout, so MC dropout cannot sample it.', 'Train the head with dropout above 0 (for example 0.1) to use BALD.');
}

/** A head's learned state in the saved format, whichever engine holds it. */
export function savedHead(config: HeadConfig, dim: number, numClasses: number, standardizer: Standardizer, weights: LayerWeights[]): SavedHead {
  return {
    format: 'studio-head/1',
    config: { ...config },
    dim,
    numClasses,
    weights: {
      mean: encodeTensor(standardizer.mean, [dim]),
      scale: encodeTensor(standardizer.scale, [dim]),
      layers: weights.map((w) => ({ kernel: encodeTensor(w.kernel, [w.inputs, w.units]), bias: encodeTensor(w.bias, [w.units]) })),
    },
  };
}

/** The plain arrays inside a saved head, checked against its declared shapes. */
export function decodeSavedHead(saved: SavedHead): { standardizer: Standardizer; weights: LayerWeights[] } {
  if (saved?.format !== 'studio-head/1') {
    throw new StudioError('invalid-request', 'This is not a saved studio head (format "studio-head/1").', 'Pick a head saved by this version of the studio.');
  }
  validateHeadConfig(saved.config);
  const { dim, numClasses, config } = saved;
  try {
    const shapes = layerShapes(config, dim, numClasses);
    if (saved.weights.layers.length !== shapes.length) throw new Error(`expected ${shapes.length} layers, found ${saved.weights.layers.length}`);
    const standardizer = { mean: decodeTensor(saved.weights.mean, [dim], 'mean'), scale: decodeTensor(saved.weights.scale, [dim], 'scale') };
    const weights = shapes.map(({ inputs, units }, i) => ({
      kernel: decodeTensor(saved.weights.layers[i].kernel, [inputs, units], `layer ${i + 1} kernel`),
      bias: decodeTensor(saved.weights.layers[i].bias, [units], `layer ${i + 1} bias`),
      inputs,
      units,
    }));
    return { standardizer, weights };
  } catch (error) {
    throw new StudioError('invalid-request', `The saved head is damaged: ${(error as Error).message}.`, 'Retrain the head or restore the run record from a backup.');
  }
}
