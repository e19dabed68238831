import { seededRandom } from '../seededRandom';

/**
 * A seeded Gaussian random projection to `outDim` dimensions (Johnson–Lindenstrauss):
 * distances are kept approximately while diversity computations get `dim / outDim` times
 * cheaper (1,280-d backbone embeddings → 64-d). Rows already that small are returned as is.
 */
export function randomProjection(x: Float32Array, count: number, dim: number, outDim: number, seed: number): { points: Float32Array; dim: number } {
  if (dim <= outDim) return { points: x.subarray(0, count * dim), dim };
  const random = seededRandom(seed);
  const matrix = new Float32Array(dim * outDim);
  const scale = 1 / Math.sqrt(outDim);
  for (let i = 0; i < matrix.length; i++) matrix[i] = random.normal() * scale;
  const out = new Float32Array(count * outDim);
  const row = new Float64Array(outDim);
  for (let i = 0; i < count; i++) {
    row.fill(0);
    for (let d = 0; d < dim; d++) {
      const v = x[i * dim + d];
      if (v === 0) continue;
      const m = d * outDim;
      for (let o = 0; o < outDim; o++) row[o] += v * matrix[m + o];
    }
    out.set(row, i * outDim);
  }
  return { points: out, dim: outDim };
}

/** Copies the listed rows into a new contiguous array. */
export function gatherRows(x: Float32Array, dim: number, rows: ArrayLike<number>): Float32Array {
  const out = new Float32Array(rows.length * dim);
  for (let i = 0; i < rows.length; i++) out.set(x.subarray(rows[i] * dim, (rows[i] + 1) * dim), i * dim);
  return out;
}
