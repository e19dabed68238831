import { mulberry32 } from './mulberry32';

/** A figure and its 95 % interval, all in [0, 1]. */
export interface Interval {
  value: number;
  low: number;
  high: number;
}

/** The normal quantile for a two-sided 95 % interval. */
export const z95 = 1.959963984540054;

/**
 * The Wilson score interval of a proportion (`successes` of `n`), which unlike the
 * normal approximation stays inside [0, 1] and keeps its coverage at small n and near 0 or 1:
 * exactly where a handful of test labels puts an accuracy. Null when there is nothing to count.
 */
export function wilsonInterval(successes: number, n: number, z = z95): Interval | null {
  if (n <= 0) return null;
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = p + z2 / (2 * n);
  const half = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { value: p, low: Math.max(0, (centre - half) / denominator), high: Math.min(1, (centre + half) / denominator) };
}

export interface BootstrapOptions {
  /** Resamples drawn (default 1,000). */
  resamples?: number;
  /** Seed of the draws: the same labels give the same interval every time. */
  seed?: number;
  /** Central coverage (default 0.95). */
  level?: number;
}

/**
 * A percentile bootstrap interval of `statistic` over `n` rows: the statistic of
 * `resamples` draws of n row indices with replacement, and the (1 − level)/2 and
 * (1 + level)/2 quantiles of those values (linear interpolation between order statistics).
 * For figures like macro-F1 that have no closed-form interval.
 */
export function bootstrapInterval(n: number, statistic: (rows: Uint32Array) => number, options: BootstrapOptions = {}): { low: number; high: number } {
  const resamples = options.resamples ?? 1000;
  const level = options.level ?? 0.95;
  const random = mulberry32(options.seed ?? 1);
  const rows = new Uint32Array(n);
  if (n <= 1) {
    for (let i = 0; i < n; i++) rows[i] = i;
    const value = statistic(rows);
    return { low: value, high: value };
  }
  const values = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    for (let i = 0; i < n; i++) rows[i] = (random() * n) | 0;
    values[b] = statistic(rows);
  }
  values.sort();
  return { low: quantile(values, (1 - level) / 2), high: quantile(values, (1 + level) / 2) };
}

function quantile(sorted: Float64Array, q: number): number {
  const position = q * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
}
