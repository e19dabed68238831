import { StudioError } from '../../../shared/contract/channel';
import { trainHead, type Dataset, type HeadConfig } from '../heads/index';
import { stratifiedFolds } from './stratifiedFolds';

export interface OutOfFoldOptions {
  numClasses: number;
  folds: number;
  seed: number;
  signal?: AbortSignal;
  onFold?(done: number, folds: number): void;
}

/**
 * Out-of-fold class probabilities for every labeled row: the rows are dealt into stratified
 * folds, and each fold is predicted by a head trained (same configuration as the run) on the
 * other folds only, so no row is scored by a model that saw its label. This is what confident
 * learning needs: a model's opinion of each label that the label itself did not shape.
 */
export async function outOfFoldProbabilities(data: Dataset, config: HeadConfig, options: OutOfFoldOptions): Promise<Float32Array> {
  const { numClasses: k, folds } = options;
  if (data.count < folds) {
    throw new StudioError('invalid-request', `Out-of-fold checks need at least ${folds} labeled images; there are ${data.count}.`, 'Label more images, then train again.');
  }
  const fold = stratifiedFolds(data.y, data.count, folds, options.seed);
  const out = new Float32Array(data.count * k);
  for (let f = 0; f < folds; f++) {
    if (options.signal?.aborted) throw new StudioError('cancelled', 'The label check was cancelled.');
    const train = subset(data, (i) => fold[i] !== f);
    const held = subset(data, (i) => fold[i] === f);
    if (held.dataset.count === 0) continue;
    const { head } = await trainHead(train.dataset, config, { numClasses: k, signal: options.signal });
    try {
      const probabilities = head.predict(held.dataset.x, held.dataset.count);
      held.rows.forEach((row, r) => out.set(probabilities.subarray(r * k, (r + 1) * k), row * k));
    } finally {
      head.dispose();
    }
    options.onFold?.(f + 1, folds);
  }
  return out;
}

function subset(data: Dataset, keep: (row: number) => boolean): { dataset: Dataset; rows: number[] } {
  const rows: number[] = [];
  for (let i = 0; i < data.count; i++) if (keep(i)) rows.push(i);
  const x = new Float32Array(rows.length * data.dim);
  const y = new Int32Array(rows.length);
  rows.forEach((row, r) => {
    x.set(data.x.subarray(row * data.dim, (row + 1) * data.dim), r * data.dim);
    y[r] = data.y[row];
  });
  return { dataset: { x, y, count: rows.length, dim: data.dim }, rows };
}
