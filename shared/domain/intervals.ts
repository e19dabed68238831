import { mulberry32 } from './mulberry32';

/** A point estimate with its 95 % interval and the count it rests on. */
export interface Estimate {
  value: number;
  low: number;
  high: number;
  n: number;
}

/**
 * Wilson score interval for a proportion (`successes` of `n`), 95 % by default. Unlike the
 * normal approximation it stays inside [0, 1] and is honest at small n and near 0 or 1.
 * Null when n is 0: there is nothing to estimate.
 */
export function wilsonInterval(successes: number, n: number, z = 1.959964): Estimate | null {
  if (n <= 0) return null;
  const p = successes / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const spread = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return { value: p, low: Math.max(0, centre - spread), high: Math.min(1, centre + spread), n };
}

/**
 * Percentile bootstrap interval of a statistic over `n` rows: `statistic(rows)` on
 * `resamples` seeded resamples with replacement, 2.5th and 97.5th percentiles. Seeded, so
 * the same data give the same interval.
 */
export function bootstrapInterval(n: number, statistic: (rows: Int32Array) => number, options: { resamples?: number; seed?: number } = {}): Estimate | null {
  if (n <= 0) return null;
  const random = mulberry32(options.seed ?? 1);
  const resamples = options.resamples ?? 1000;
  const all = Int32Array.from({ length: n }, (_, i) => i);
  const values = new Float64Array(resamples);
  const rows = new Int32Array(n);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) rows[i] = Math.floor(random() * n);
    values[r] = statistic(rows);
  }
  values.sort();
  const at = (q: number) => values[Math.min(resamples - 1, Math.max(0, Math.round(q * (resamples - 1))))];
  return { value: statistic(all), low: at(0.025), high: at(0.975), n };
}
