import type { HeadConfig } from './config';
import type { HeadEngineChoice } from './engine';

/**
 * Labeled (or unlabeled) embeddings: `count` rows of `dim` floats, row-major, and one class
 * index per row. Heads never see image files, only these rows.
 */
export interface Dataset {
  x: Float32Array;
  y: Int32Array;
  count: number;
  dim: number;
}

/** One epoch's training figures; `val*` only when a validation set was given. */
export interface EpochReport {
  epoch: number;
  loss: number;
  accuracy: number;
  valLoss?: number;
  valAccuracy?: number;
}

/** What a training run needs besides the data and the configuration. */
export interface TrainOptions {
  numClasses: number;
  /** Early stopping watches this set's loss and keeps the best epoch's weights. */
  validation?: Dataset;
  /** Start from these weights (same dim, classes and architecture) instead of fresh ones. */
  warmStart?: SavedHead;
  onEpoch?(report: EpochReport): void | Promise<void>;
  /** Checked between batches: an aborted signal stops training with a `cancelled` error. */
  signal?: AbortSignal;
  /** Which engine trains (default `auto`: SIMD kernels for linear heads, TF.js otherwise). */
  engine?: HeadEngineChoice;
}

export interface TrainResult {
  head: Head;
  history: EpochReport[];
  /** 1-based epoch whose weights the head holds. */
  bestEpoch: number;
  stoppedEarly: boolean;
  /** What trained the head and scores with it: "wasm-simd" or "tfjs-<backend>". */
  engine: string;
}

/**
 * A trained classifier head: embeddings in, class probabilities out. It owns TF.js tensors
 * (its weights), so whoever holds it must call `dispose()` when done.
 */
export interface Head {
  readonly config: HeadConfig;
  readonly dim: number;
  readonly numClasses: number;
  /** Probabilities, `count × numClasses`, row-major. Runs in large batches inside tf.tidy. */
  predict(x: Float32Array, count: number): Float32Array;
  /**
   * Monte-Carlo dropout: `passes` stochastic forward passes with dropout on, returned as
   * `passes × count × numClasses`. Callers (BALD) feed the pool in chunks so memory stays
   * bounded; the input is never copied `passes` times.
   */
  predictPasses(x: Float32Array, count: number, passes: number, seed: number): Float32Array;
  save(): SavedHead;
  dispose(): void;
}

/** A float32 tensor as JSON: shape plus the little-endian bytes in base64. */
export interface SavedTensor {
  shape: number[];
  data: string;
}

/** Learned state of a head, JSON-serialisable (stored in run records and exported). */
export interface SavedHead {
  format: 'studio-head/1';
  config: HeadConfig;
  dim: number;
  numClasses: number;
  weights: {
    /** Feature standardisation learned from the training rows: (x - mean) * scale. */
    mean: SavedTensor;
    scale: SavedTensor;
    /** Dense layers in order; one for `linear`, two for `mlp`. */
    layers: { kernel: SavedTensor; bias: SavedTensor }[];
  };
}
