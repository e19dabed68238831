import * as tf from '@tensorflow/tfjs';
import { StudioError } from '../../../shared/contract/channel';

/** The k nearest references of each query: indices into the references and Euclidean distances. */
export interface Neighbours {
  k: number;
  /** `queries × k`, nearest first. */
  indices: Int32Array;
  distances: Float32Array;
}

/** Query rows per block: keeps the block's distance matrix near 32 MB whatever the reference count. */
function blockRows(references: number): number {
  return Math.max(16, Math.min(2048, Math.floor(8_000_000 / Math.max(references, 1))));
}

export interface NeighbourOptions {
  /** The reference a query must not find (itself, when queries and references overlap); -1 for none. */
  self?(query: number): number;
  signal?: AbortSignal;
  onProgress?(done: number, total: number): void;
}

/**
 * Exact k-nearest neighbours by brute force, one block of queries at a time: squared
 * distances as |q|² + |r|² − 2·q·r (one matmul per block) and TF.js top-k. `self` names the
 * reference each query is (when it is one), which is then left out.
 */
export async function nearestNeighbours(
  queries: Float32Array,
  queryCount: number,
  references: Float32Array,
  referenceCount: number,
  dim: number,
  k: number,
  options: NeighbourOptions = {},
): Promise<Neighbours> {
  const wanted = Math.min(k, referenceCount - (options.self ? 1 : 0));
  const take = Math.min(referenceCount, wanted + (options.self ? 1 : 0));
  const indices = new Int32Array(queryCount * Math.max(wanted, 0));
  const distances = new Float32Array(queryCount * Math.max(wanted, 0));
  if (wanted <= 0) return { k: 0, indices, distances };
  const refs = tf.tensor2d(references.subarray(0, referenceCount * dim), [referenceCount, dim]);
  const refNorms = tf.sum(tf.square(refs), 1).reshape([1, referenceCount]);
  const step = blockRows(referenceCount);
  try {
    for (let start = 0; start < queryCount; start += step) {
      if (options.signal?.aborted) throw new StudioError('cancelled', 'The data check was cancelled.');
      const rows = Math.min(step, queryCount - start);
      const [values, found] = tf.tidy(() => {
        const q = tf.tensor2d(queries.subarray(start * dim, (start + rows) * dim), [rows, dim]);
        const squared = tf.add(tf.sub(tf.sum(tf.square(q), 1, true), tf.mul(tf.matMul(q, refs, false, true), 2)), refNorms);
        const { values, indices } = tf.topk(tf.neg(squared), take);
        return [values, indices];
      });
      const v = values.dataSync();
      const ix = found.dataSync();
      tf.dispose([values, found]);
      for (let r = 0; r < rows; r++) {
        const query = start + r;
        const self = options.self?.(query) ?? -1;
        let out = 0;
        for (let j = 0; j < take && out < wanted; j++) {
          const index = ix[r * take + j];
          if (index === self) continue;
          indices[query * wanted + out] = index;
          distances[query * wanted + out] = Math.sqrt(Math.max(-v[r * take + j], 0));
          out++;
        }
      }
      options.onProgress?.(start + rows, queryCount);
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    tf.dispose([refs, refNorms]);
  }
  return { k: wanted, indices, distances };
}
