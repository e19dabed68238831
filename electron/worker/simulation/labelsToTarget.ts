import type { CurvePoint, SeedRun } from './types';

/**
 * Labels needed to reach `target`: linear interpolation between the last point below it and
 * the first point at or above it (the first point itself if the curve starts above).
 * Null when the curve never gets there.
 */
export function labelsToTarget(curve: CurvePoint[], target: number): number | null {
  const hit = curve.findIndex((p) => p.accuracy >= target);
  if (hit < 0) return null;
  if (hit === 0) return curve[0].labels;
  const before = curve[hit - 1];
  const after = curve[hit];
  const fraction = (target - before.accuracy) / (after.accuracy - before.accuracy);
  return Math.round(before.labels + fraction * (after.labels - before.labels));
}

/** The mean over seeds, or null unless every seed reached the target. */
export function meanLabelsToTarget(seeds: SeedRun[]): number | null {
  if (seeds.length === 0 || seeds.some((s) => s.labelsToTarget === null)) return null;
  return Math.round(seeds.reduce((sum, s) => sum + s.labelsToTarget!, 0) / seeds.length);
}
