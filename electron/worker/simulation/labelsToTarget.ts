import type { CurvePoint, SeedRun } from './types';

/**
 * Labels of the first round whose accuracy reached `target`: what a user would have had to
 * label before the model got there. No interpolation between rounds (a round between two
 * measured ones was never trained). Null when the curve never gets there.
 */
export function labelsToTarget(curve: CurvePoint[], target: number): number | null {
  return curve.find((p) => p.accuracy >= target)?.labels ?? null;
}

/** The mean over seeds, or null unless every seed reached the target. */
export function meanLabelsToTarget(seeds: SeedRun[]): number | null {
  if (seeds.length === 0 || seeds.some((s) => s.labelsToTarget === null)) return null;
  return Math.round(seeds.reduce((sum, s) => sum + s.labelsToTarget!, 0) / seeds.length);
}
