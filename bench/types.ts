/**
 * What every benchmark returns. Figures are raw measurements; `reference` holds the same
 * quantity for a baseline measured in the same run (bare library, plain loop…), and
 * `ratios` compares the two, so results mean something on any machine.
 */
export interface BenchResult {
  name: string;
  figures: Record<string, number>;
  reference?: Record<string, number>;
  ratios?: Record<string, number>;
  notes?: string[];
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export const round = (x: number, digits = 2): number => Math.round(x * 10 ** digits) / 10 ** digits;
