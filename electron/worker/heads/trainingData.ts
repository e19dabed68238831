import { StudioError } from '../../../shared/contract/channel';
import type { Dataset } from './types';

/** Throws an `invalid-request` error that says what is wrong with the rows or labels. */
export function checkDataset(data: Dataset, numClasses: number, what: string, dim?: number): void {
  const fail = (message: string) => {
    throw new StudioError('invalid-request', `The ${what} set ${message}.`, 'Label at least one sample and make sure every embedding comes from the same backbone.');
  };
  if (!Number.isInteger(numClasses) || numClasses < 2) fail(`needs at least 2 classes (got ${numClasses})`);
  if (!Number.isInteger(data.count) || data.count < 1) fail('is empty');
  if (!Number.isInteger(data.dim) || data.dim < 1) fail(`has an invalid feature size ${data.dim}`);
  if (dim !== undefined && data.dim !== dim) fail(`has ${data.dim} features per row but the training set has ${dim}`);
  if (data.x.length < data.count * data.dim) fail(`holds ${data.x.length} floats, fewer than ${data.count} × ${data.dim}`);
  if (data.y.length < data.count) fail(`has ${data.y.length} labels for ${data.count} rows`);
  for (let i = 0; i < data.count; i++) {
    const c = data.y[i];
    if (!(c >= 0 && c < numClasses)) fail(`has label ${c} at row ${i}, outside 0..${numClasses - 1}`);
  }
}

/**
 * Per-class loss weights. Balanced weights are `rows / (classes present × rows of class)`
 * (scikit-learn's "balanced"), so a rare class counts as much as a common one; classes with
 * no rows get weight 0 rather than infinity.
 */
export function classWeightsFor(y: Int32Array, count: number, numClasses: number, balanced: boolean): Float32Array {
  const weights = new Float32Array(numClasses).fill(1);
  if (!balanced) return weights;
  const counts = new Float64Array(numClasses);
  for (let i = 0; i < count; i++) counts[y[i]]++;
  const present = counts.filter((c) => c > 0).length;
  for (let c = 0; c < numClasses; c++) weights[c] = counts[c] > 0 ? count / (present * counts[c]) : 0;
  return weights;
}
