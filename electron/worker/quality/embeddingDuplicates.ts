import { StudioError } from '../../../shared/contract/channel';
import { principalComponents } from './pca';
import { UnionFind } from './unionFind';

export interface DuplicateGroupRows {
  /** Rows in the input, ascending. */
  rows: number[];
  /** `exact`: every member has the same embedding; `near`: linked by cosine ≥ the threshold. */
  kind: 'exact' | 'near';
  /** The lowest cosine of the links that joined the group. */
  minCosine: number;
}

/** Axes of the pre-filter: more cut more pairs early, each costs a multiply per pair. */
const FILTER_AXES = 24;

/**
 * Near-duplicate groups by embedding: rows whose mean-centred embeddings have cosine
 * similarity ≥ `cosine`, joined into connected components (union-find), with no pair
 * dropped for speed. On unit vectors, cosine ≥ t means distance ≤ r = √(2(1 − t)), and a
 * projection onto orthonormal axes never lengthens a distance, so candidate pairs are found
 * exactly by a sort-and-sweep along the first principal axis with early-exit partial
 * distances over the first few axes, and then confirmed on the full vectors.
 */
export function embeddingDuplicateGroups(
  x: Float32Array,
  count: number,
  dim: number,
  cosine: number,
  options: { signal?: AbortSignal; onProgress?(done: number, total: number): void } = {},
): DuplicateGroupRows[] {
  if (count < 2) return [];
  const unit = centredUnitRows(x, count, dim);
  const projection = principalComponents(unit, count, dim, FILTER_AXES, 7);
  const m = projection.components;
  const p = projection.coordinates;
  const radius2 = 2 * (1 - cosine) + 1e-6;
  const radius = Math.sqrt(radius2);
  const order = Array.from({ length: count }, (_, i) => i).sort((a, b) => p[a * m] - p[b * m]);

  const near = new UnionFind(count);
  const exact = new UnionFind(count);
  const weakest = new Map<number, number>(); // root-independent: lowest cosine per linked row
  for (let a = 0; a < count; a++) {
    if ((a & 1023) === 0) {
      if (options.signal?.aborted) throw new StudioError('cancelled', 'The data check was cancelled.');
      options.onProgress?.(a, count);
    }
    const i = order[a];
    const pi = i * m;
    for (let b = a + 1; b < count; b++) {
      const j = order[b];
      const pj = j * m;
      const first = p[pj] - p[pi];
      if (first > radius) break;
      let d2 = first * first;
      for (let c = 1; c < m && d2 <= radius2; c++) d2 += (p[pj + c] - p[pi + c]) ** 2;
      if (d2 > radius2) continue;
      const similarity = dot(unit, i, j, dim);
      if (similarity < cosine) continue;
      near.union(i, j);
      if (sameRow(x, i, j, dim)) exact.union(i, j);
      weakest.set(i, Math.min(weakest.get(i) ?? 1, similarity));
      weakest.set(j, Math.min(weakest.get(j) ?? 1, similarity));
    }
  }
  options.onProgress?.(count, count);
  return near.groups().map((rows) => {
    const root = exact.find(rows[0]);
    const allExact = rows.every((r) => exact.find(r) === root);
    return { rows, kind: allExact ? 'exact' : 'near', minCosine: Math.min(...rows.map((r) => weakest.get(r) ?? 1)) };
  });
}

/** (x − mean) / |x − mean| per row; a row equal to the mean stays zero (it matches nothing). */
export function centredUnitRows(x: Float32Array, count: number, dim: number): Float32Array {
  const mean = new Float64Array(dim);
  for (let i = 0; i < count; i++) for (let d = 0; d < dim; d++) mean[d] += x[i * dim + d];
  for (let d = 0; d < dim; d++) mean[d] /= count;
  const out = new Float32Array(count * dim);
  for (let i = 0; i < count; i++) {
    let norm = 0;
    for (let d = 0; d < dim; d++) {
      const v = x[i * dim + d] - mean[d];
      out[i * dim + d] = v;
      norm += v * v;
    }
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let d = 0; d < dim; d++) out[i * dim + d] *= scale;
  }
  return out;
}

function dot(u: Float32Array, i: number, j: number, dim: number): number {
  let s = 0;
  for (let d = 0; d < dim; d++) s += u[i * dim + d] * u[j * dim + d];
  return s;
}

function sameRow(x: Float32Array, i: number, j: number, dim: number): boolean {
  for (let d = 0; d < dim; d++) if (Math.abs(x[i * dim + d] - x[j * dim + d]) > 1e-6 * (1 + Math.abs(x[i * dim + d]))) return false;
  return true;
}
