import { nearestNeighbours } from './nearestNeighbours';

export interface PlaceOptions {
  k: number;
  signal?: AbortSignal;
  onProgress?(done: number, total: number): void;
}

/**
 * Points put on a fitted 2-D layout without fitting it again: each at the weighted mean of
 * where its k nearest fitted points lie, weighted by UMAP's fuzzy memberships
 * (exp(−(d − ρ)/σ) with ρ the nearest distance and σ chosen so the weights sum to log₂ k),
 * which is how umap-learn and umap-js start their `transform`. A point lands inside the
 * cluster its neighbours form; it is not optimised further (with thousands of fitted points
 * around it, that moves it by less than a marker's width on the map).
 */
export async function placeAmong(
  queries: Float32Array,
  queryCount: number,
  fitted: Float32Array,
  fitCount: number,
  dim: number,
  layout: Float32Array,
  options: PlaceOptions,
): Promise<Float32Array> {
  const out = new Float32Array(queryCount * 2);
  if (queryCount === 0) return out;
  const found = await nearestNeighbours(queries, queryCount, fitted, fitCount, dim, options.k, options);
  const k = found.k;
  const weights = new Float64Array(k);
  for (let q = 0; q < queryCount; q++) {
    membershipWeights(found.distances.subarray(q * k, (q + 1) * k), weights);
    let sum = 0;
    let px = 0;
    let py = 0;
    for (let j = 0; j < k; j++) {
      const at = found.indices[q * k + j];
      px += weights[j] * layout[at * 2];
      py += weights[j] * layout[at * 2 + 1];
      sum += weights[j];
    }
    out[q * 2] = px / sum;
    out[q * 2 + 1] = py / sum;
  }
  return out;
}

/** UMAP's smooth k-NN weights of one point's sorted neighbour distances (binary search on σ). */
export function membershipWeights(distances: ArrayLike<number>, into: Float64Array): void {
  const k = distances.length;
  const rho = distances[0];
  const target = Math.log2(Math.max(k, 2));
  let lo = 0;
  let hi = Infinity;
  let sigma = 1;
  for (let iteration = 0; iteration < 64; iteration++) {
    let total = 0;
    for (let j = 0; j < k; j++) total += Math.exp(-Math.max(distances[j] - rho, 0) / sigma);
    if (Math.abs(total - target) < 1e-5) break;
    if (total > target) {
      hi = sigma;
      sigma = (lo + hi) / 2;
    } else {
      lo = sigma;
      sigma = hi === Infinity ? sigma * 2 : (lo + hi) / 2;
    }
  }
  for (let j = 0; j < k; j++) into[j] = Math.exp(-Math.max(distances[j] - rho, 0) / sigma);
}
