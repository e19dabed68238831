import type { Evaluation, Round } from '../../../../shared/contract/loop';
import type { ClassDef } from '../../../../shared/domain/records';
import type { ChartSeries, MarkerShape } from '../charts/LineChart';
import { extent, niceDomain, type Domain } from '../charts/scales';

const shapes: MarkerShape[] = ['circle', 'square', 'triangle', 'diamond'];

/** Each strategy used in the rounds gets its own marker, in order of first use. */
export function strategyMarkers(rounds: readonly Round[]): Map<string, MarkerShape> {
  const markers = new Map<string, MarkerShape>();
  for (const r of rounds) if (!markers.has(r.strategy)) markers.set(r.strategy, shapes[markers.size % shapes.length]);
  return markers;
}

/**
 * The project's own learning curve: test accuracy and macro-F1 against the labels each
 * round learned from, one point per round with a test evaluation, its marker saying which
 * strategy picked the labels of that round.
 */
export function curveSeries(rounds: readonly Round[]): { series: ChartSeries[]; labels: Domain; markers: Map<string, MarkerShape> } {
  const markers = strategyMarkers(rounds);
  const tested = rounds.filter((r): r is Round & { test: Evaluation } => r.test !== null);
  const point = (r: Round & { test: Evaluation }, what: 'accuracy' | 'macroF1') => ({
    x: r.labels,
    y: r.test[what],
    marker: markers.get(r.strategy),
    label: `Round ${r.round} (${r.strategy}): ${r.labels} labels, test ${what === 'accuracy' ? 'accuracy' : 'macro-F1'} ${(r.test[what] * 100).toFixed(1)}% on ${r.test.count} test images`,
  });
  const series: ChartSeries[] = [
    { id: 'accuracy', name: 'test accuracy', tone: 1, points: tested.map((r) => point(r, 'accuracy')) },
    { id: 'macro-f1', name: 'test macro-F1', tone: 3, dashed: true, points: tested.map((r) => point(r, 'macroF1')) },
  ];
  const span = extent(tested.map((r) => r.labels), { min: 0, max: 100 });
  return { series, labels: niceDomain({ min: Math.min(0, span.min), max: span.max }), markers };
}

export interface ClassQuality {
  classId: string;
  name: string;
  color: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
  /** Fewer test labels than the loop asks for: the figures are shaky. */
  tooFew: boolean;
}

/** The per-class table of an evaluation, in the project's class order, with the low-support warning. */
export function classQuality(evaluation: Evaluation, classes: readonly ClassDef[], minPerClass: number): ClassQuality[] {
  return evaluation.perClass.map((p) => {
    const cls = classes.find((c) => c.id === p.classId);
    return {
      classId: p.classId,
      name: cls?.name ?? 'a removed class',
      color: cls?.color ?? '#6e7782',
      precision: p.precision,
      recall: p.recall,
      f1: p.f1,
      support: p.support,
      tooFew: p.support < minPerClass,
    };
  });
}

/** One row of the rounds table: the figures of a round and whether its test labels are too few to trust. */
export interface RoundRow {
  round: number;
  strategy: string;
  labels: number;
  valAccuracy: number | null;
  testAccuracy: number | null;
  testMacroF1: number | null;
  testLabels: number | null;
  /** Classes with fewer test labels than the loop asks for, in that round. */
  shortClasses: number;
}

/** Newest first, as the table under the curve lists them. */
export function roundRows(rounds: readonly Round[], minPerClass: number): RoundRow[] {
  return [...rounds].reverse().map((r) => ({
    round: r.round,
    strategy: r.strategy,
    labels: r.labels,
    valAccuracy: r.valAccuracy,
    testAccuracy: r.test?.accuracy ?? null,
    testMacroF1: r.test?.macroF1 ?? null,
    testLabels: r.test?.count ?? null,
    shortClasses: r.test ? r.test.perClass.filter((p) => p.support < minPerClass).length : 0,
  }));
}

/** 0..1 shading of a confusion-matrix cell: its share of the true class's row. */
export function rowShare(confusion: readonly (readonly number[])[], row: number, column: number): number {
  const total = confusion[row]?.reduce((a, b) => a + b, 0) ?? 0;
  return total > 0 ? (confusion[row][column] ?? 0) / total : 0;
}
