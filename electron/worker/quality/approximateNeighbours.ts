import { StudioError } from '../../../shared/contract/channel';
import { seededRandom } from '../acquisition/seededRandom';
import type { Neighbours } from './nearestNeighbours';

/** Random directions whose sorted orders seed the candidate lists, and the window along each. */
const PROJECTIONS = 8;
const WINDOW = 24;
/** Rounds of "a neighbour's neighbour is likely mine" refinement (NN-descent). */
const ROUNDS = 4;

/**
 * Approximate k-nearest neighbours of every row among all rows (itself excluded), for the
 * UMAP graph of the embedding map, where exact brute force costs minutes at 50,000 points.
 * Candidates come from windows along a few sorted random projections; then rounds of
 * NN-descent (Dong, Moses, Li 2011) try each neighbour's neighbours. Distances are exact;
 * only a few true neighbours can be missed (the tests check recall).
 */
export async function approximateNeighbours(
  x: Float32Array,
  count: number,
  dim: number,
  k: number,
  options: { seed?: number; signal?: AbortSignal; onProgress?(done: number, total: number): void } = {},
): Promise<Neighbours> {
  const want = Math.min(k, count - 1);
  const lists = new NeighbourLists(count, want);
  const distance2 = (i: number, j: number) => {
    let s = 0;
    for (let c = 0; c < dim; c++) {
      const d = x[i * dim + c] - x[j * dim + c];
      s += d * d;
    }
    return s;
  };
  const offer = (i: number, j: number) => {
    if (i === j) return;
    const d = distance2(i, j);
    lists.insert(i, j, d);
    lists.insert(j, i, d);
  };
  const random = seededRandom(options.seed ?? 1);
  const total = PROJECTIONS + ROUNDS;
  const check = async (done: number) => {
    if (options.signal?.aborted) throw new StudioError('cancelled', 'The embedding map was cancelled.');
    options.onProgress?.(done, total);
    await new Promise((resolve) => setImmediate(resolve));
  };
  for (let p = 0; p < PROJECTIONS; p++) {
    const direction = Float64Array.from({ length: dim }, () => random.normal());
    const key = new Float64Array(count);
    for (let i = 0; i < count; i++) {
      let s = 0;
      for (let c = 0; c < dim; c++) s += x[i * dim + c] * direction[c];
      key[i] = s;
    }
    const order = Int32Array.from({ length: count }, (_, i) => i).sort((a, b) => key[a] - key[b]);
    for (let a = 0; a < count; a++) for (let b = a + 1; b < Math.min(count, a + 1 + WINDOW); b++) offer(order[a], order[b]);
    await check(p + 1);
  }
  for (let round = 0; round < ROUNDS; round++) {
    const snapshot = lists.indices.slice();
    for (let i = 0; i < count; i++) {
      for (let a = 0; a < want; a++) {
        const j = snapshot[i * want + a];
        if (j < 0) continue;
        for (let b = 0; b < want; b++) {
          const l = snapshot[j * want + b];
          if (l >= 0 && l !== i && !lists.has(i, l)) offer(i, l);
        }
      }
    }
    await check(PROJECTIONS + round + 1);
  }
  const distances = Float32Array.from(lists.distances, (d) => Math.sqrt(d));
  return { k: want, indices: lists.indices, distances };
}

/** Per row, the k best (smallest distance) so far, kept sorted; -1 marks an empty slot. */
class NeighbourLists {
  readonly indices: Int32Array;
  readonly distances: Float64Array;

  constructor(
    count: number,
    private readonly k: number,
  ) {
    this.indices = new Int32Array(count * k).fill(-1);
    this.distances = new Float64Array(count * k).fill(Infinity);
  }

  has(row: number, j: number): boolean {
    const base = row * this.k;
    for (let a = 0; a < this.k; a++) if (this.indices[base + a] === j) return true;
    return false;
  }

  insert(row: number, j: number, d: number): void {
    const base = row * this.k;
    const last = base + this.k - 1;
    if (d >= this.distances[last] || this.has(row, j)) return;
    let at = last;
    while (at > base && this.distances[at - 1] > d) {
      this.distances[at] = this.distances[at - 1];
      this.indices[at] = this.indices[at - 1];
      at--;
    }
    this.distances[at] = d;
    this.indices[at] = j;
  }
}
