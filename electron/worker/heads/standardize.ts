/**
 * Feature standardisation learned from the training rows. A floor on the spread keeps
 * near-constant features (the always-black corner pixels of Fashion-MNIST) from being
 * blown up into noise when one rare sample lights them.
 */
export interface Standardizer {
  mean: Float32Array;
  /** 1 / max(std, floor) */
  scale: Float32Array;
}

export function fitStandardizer(x: Float32Array, count: number, dim: number, enabled: boolean): Standardizer {
  const mean = new Float32Array(dim);
  const scale = new Float32Array(dim).fill(1);
  if (!enabled || count === 0) return { mean, scale };
  const sum = new Float64Array(dim);
  const sumSq = new Float64Array(dim);
  for (let i = 0; i < count; i++) {
    const row = i * dim;
    for (let j = 0; j < dim; j++) {
      const v = x[row + j];
      sum[j] += v;
      sumSq[j] += v * v;
    }
  }
  const std = new Float64Array(dim);
  let meanStd = 0;
  for (let j = 0; j < dim; j++) {
    mean[j] = sum[j] / count;
    std[j] = Math.sqrt(Math.max(0, sumSq[j] / count - mean[j] * mean[j]));
    meanStd += std[j] / dim;
  }
  const floor = Math.max(1e-6, 0.1 * meanStd);
  for (let j = 0; j < dim; j++) scale[j] = 1 / Math.max(std[j], floor);
  return { mean, scale };
}

/**
 * Re-expresses a first-layer kernel/bias trained under one standardisation so that it
 * computes the same function under another: used by warm start when the labeled set (and
 * therefore the mean and spread) has changed since the saved head was trained.
 */
export function restandardizeLayer(
  kernel: Float32Array,
  bias: Float32Array,
  from: Standardizer,
  to: Standardizer,
  units: number,
): { kernel: Float32Array; bias: Float32Array } {
  const dim = from.mean.length;
  const newKernel = new Float32Array(kernel.length);
  const newBias = Float32Array.from(bias);
  for (let j = 0; j < dim; j++) {
    const ratio = from.scale[j] / to.scale[j];
    const oldShift = from.mean[j] * from.scale[j];
    const newShift = to.mean[j] * to.scale[j];
    for (let u = 0; u < units; u++) {
      // The raw-space function x·(s W) + b − (m s)·W must stay the same.
      const w = kernel[j * units + u];
      newKernel[j * units + u] = w * ratio;
      newBias[u] += newShift * w * ratio - oldShift * w;
    }
  }
  return { kernel: newKernel, bias: newBias };
}

/** Writes `(x − mean) · scale` for rows [from, from + rows) into `out` (row-major). */
export function standardizeRows(x: Float32Array, from: number, rows: number, s: Standardizer, out = new Float32Array(rows * s.mean.length)): Float32Array {
  const dim = s.mean.length;
  for (let r = 0; r < rows; r++) {
    const source = (from + r) * dim;
    const target = r * dim;
    for (let j = 0; j < dim; j++) out[target + j] = (x[source + j] - s.mean[j]) * s.scale[j];
  }
  return out;
}
