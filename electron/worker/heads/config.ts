import { StudioError } from '../../../shared/contract/channel';

/**
 * How a head is built and trained. `linear` is softmax regression; `mlp` adds one hidden
 * ReLU layer with dropout. `dropout` on a linear head applies to its inputs (it is what MC
 * dropout samples for BALD). `l2` multiplies the sum of squared kernel weights, divided by
 * the number of training rows so the penalty weakens as labels grow (like scikit-learn's C).
 * `classWeights` weighs each class inversely to its frequency. `patience` is how many epochs
 * without a better validation loss early stopping waits (only when a validation set is given).
 */
export interface HeadConfig {
  kind: 'linear' | 'mlp';
  hiddenUnits: number;
  dropout: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  l2: number;
  classWeights: boolean;
  patience: number;
  seed: number;
  /** Standardise features with the training rows' mean and spread (stored in the head). */
  standardize: boolean;
}

/**
 * What the head's inputs are: `pixels` (every feature on one 0..1 scale, as the pixels
 * backbone gives them) or `embedding` (a network's features, each on its own scale).
 */
export type HeadFeatures = 'pixels' | 'embedding';

/**
 * Defaults sized for a 2-core machine (bench/training.ts): the linear head retrains on
 * 2,000 × 1,280-d embeddings and rescores 50,000 in well under a second on the SIMD engine.
 * The MLP costs roughly 6× more per epoch, so it gets fewer epochs (early stopping usually
 * ends it sooner). Embeddings are standardised; pixels are not: they already share one
 * scale, and standardising lets rarely lit border pixels dominate (chosen on the tuning
 * carve of `npm run bench:al -- --evaluate-on tuning`, never the test set: about 2 points
 * higher accuracy at 200–600 labels).
 */
export function defaultHeadConfig(kind: 'linear' | 'mlp' = 'linear', features: HeadFeatures = 'embedding'): HeadConfig {
  const shared = { classWeights: false, patience: 5, seed: 1, standardize: features === 'embedding' };
  if (kind === 'mlp') {
    return { ...shared, kind, hiddenUnits: 128, dropout: 0.3, epochs: 20, batchSize: 128, learningRate: 0.003, l2: 1 };
  }
  return { ...shared, kind, hiddenUnits: 0, dropout: 0.1, epochs: 30, batchSize: 256, learningRate: 0.01, l2: 1 };
}

/** Throws an `invalid-request` StudioError naming the first bad field. */
export function validateHeadConfig(config: HeadConfig): void {
  const fail = (field: string, rule: string) => {
    throw new StudioError('invalid-request', `Head setting "${field}" must be ${rule}.`, 'Fix the training settings and start again.');
  };
  if (config.kind !== 'linear' && config.kind !== 'mlp') fail('kind', '"linear" or "mlp"');
  if (config.kind === 'mlp' && !(Number.isInteger(config.hiddenUnits) && config.hiddenUnits > 0)) fail('hiddenUnits', 'a positive whole number');
  if (!(config.dropout >= 0 && config.dropout < 1)) fail('dropout', 'at least 0 and below 1');
  if (!(Number.isInteger(config.epochs) && config.epochs > 0)) fail('epochs', 'a positive whole number');
  if (!(Number.isInteger(config.batchSize) && config.batchSize > 0)) fail('batchSize', 'a positive whole number');
  if (!(config.learningRate > 0)) fail('learningRate', 'above 0');
  if (!(config.l2 >= 0)) fail('l2', 'at least 0');
  if (!(Number.isInteger(config.patience) && config.patience >= 0)) fail('patience', 'a whole number, 0 or more');
  if (!Number.isFinite(config.seed)) fail('seed', 'a number');
}
