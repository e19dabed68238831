import type { SimulationReport } from '../simulation/types';

/** Mean, min and max accuracy over seeds at each label count one strategy reached. */
export interface SummaryPoint {
  labels: number;
  mean: number;
  min: number;
  max: number;
}

export function summarizeCurves(report: SimulationReport): { strategy: string; points: SummaryPoint[]; labelsToTarget: number | null }[] {
  return Object.entries(report.strategies).map(([strategy, runs]) => {
    const byLabels = new Map<number, number[]>();
    for (const run of runs.seeds) for (const p of run.curve) byLabels.set(p.labels, [...(byLabels.get(p.labels) ?? []), p.accuracy]);
    const points = [...byLabels.entries()]
      .sort(([a], [b]) => a - b)
      .map(([labels, values]) => ({ labels, mean: values.reduce((a, b) => a + b, 0) / values.length, min: Math.min(...values), max: Math.max(...values) }));
    return { strategy, points, labelsToTarget: runs.labelsToTarget };
  });
}
