import type { SeededRandom } from '../acquisition/seededRandom';
import type { HeadConfig } from './config';
import type { LayerWeights } from './network';
import type { Standardizer } from './standardize';
import type { Dataset } from './types';

/**
 * What trains a head's weights, step by step, for the one training loop in train.ts (which
 * owns shuffling, the learning-rate schedule, early stopping and cancellation). Two engines:
 * TF.js (any head, any backend) and the studio's WebAssembly SIMD kernels (linear heads,
 * several times faster on small batches: bench/heads.ts). Both draw their dropout from the
 * same seeded streams, so they learn the same weights up to float rounding.
 */
export interface TrainingEngine {
  /** One optimizer step on rows `order[from .. from + rows)`; the loss before the step and the rows it got right. */
  step(order: Int32Array, from: number, rows: number, rateScale: number, random: SeededRandom): { loss: number; hits: number };
  /** Loss and accuracy on the validation rows, or null without a validation set. */
  evaluate(): { valLoss: number; valAccuracy: number } | null;
  /** The current weights as plain arrays (a copy). */
  weights(): LayerWeights[];
  dispose(): void;
}

/** Everything an engine needs to start: standardised rows, labels, weights and settings. */
export interface EngineInput {
  config: HeadConfig;
  numClasses: number;
  /** Training rows, already standardised; `train.y` are their labels. */
  rows: Float32Array;
  train: Dataset;
  /** Validation rows, already standardised. */
  validation: { rows: Float32Array; y: Int32Array; count: number } | null;
  classWeights: Float32Array;
  batchSize: number;
  start: LayerWeights[];
  standardizer: Standardizer;
}

/**
 * Which engine trains and scores a head: `simd` (the studio's own kernels) or `tfjs`. The
 * name in the run record says which one ran, with the TF.js backend when it is TF.js.
 */
export type HeadEngineChoice = 'auto' | 'simd' | 'tfjs';
