import type { Evaluation, Figure } from '../../../../shared/contract/evaluation';
import type { Round } from '../../../../shared/contract/loop';
import type { ClassDef } from '../../../../shared/domain/records';
import { intervalText } from '../../../../shared/domain/honestFigures';
import type { ChartSeries, MarkerShape } from '../charts/LineChart';
import { extent, niceDomain, type Domain } from '../charts/scales';
import { cell, type Cell } from './figures';

const shapes: MarkerShape[] = ['circle', 'square', 'triangle', 'diamond'];

/** Each strategy that picked a round's labels ("mixed" included) gets its own marker, in order of first use. */
export function strategyMarkers(rounds: readonly Round[]): Map<string, MarkerShape> {
  const markers = new Map<string, MarkerShape>();
  for (const r of rounds) if (!markers.has(r.strategy)) markers.set(r.strategy, shapes[markers.size % shapes.length]);
  return markers;
}

type Scored = Round & { test: Evaluation };

/**
 * The project's own learning curve: test accuracy and macro-F1 against the labels each round
 * learned from, every round scored on the same (today's) test labels, its marker saying what
 * picked the labels of that round. A point's title gives its interval and n.
 */
export function curveSeries(rounds: readonly Round[]): { series: ChartSeries[]; labels: Domain; markers: Map<string, MarkerShape> } {
  const markers = strategyMarkers(rounds);
  const tested = rounds.filter((r): r is Scored => r.test !== null);
  const points = (what: 'accuracy' | 'macroF1') =>
    tested.flatMap((r) => {
      const figure = r.test[what];
      if (!figure) return [];
      const name = what === 'accuracy' ? 'test accuracy' : 'test macro-F1';
      return [{ x: r.labels, y: figure.value, marker: markers.get(r.strategy), label: `Round ${r.round} (${r.strategy}): ${r.labels} labels, ${name} ${(figure.value * 100).toFixed(1)}% (95% interval ${intervalText(figure)}) on ${r.test.count} test labels` }];
    });
  const series: ChartSeries[] = [
    { id: 'accuracy', name: 'test accuracy', tone: 1, points: points('accuracy') },
    { id: 'macro-f1', name: 'test macro-F1', tone: 3, dashed: true, points: points('macroF1') },
  ];
  const span = extent(tested.map((r) => r.labels), { min: 0, max: 100 });
  return { series, labels: niceDomain({ min: Math.min(0, span.min), max: span.max }), markers };
}

export interface ClassQuality {
  classId: string;
  name: string;
  color: string;
  precision: Cell;
  recall: Cell;
  f1: Cell;
  support: number;
  /** Fewer labels than the loop asks for: the figures are shaky. */
  tooFew: boolean;
}

/** The per-class table of an evaluation, in the project's class order: "—" with the reason where a figure is undefined. */
export function classQuality(evaluation: Evaluation, classes: readonly ClassDef[], minPerClass: number): ClassQuality[] {
  return evaluation.perClass.map((p) => {
    const cls = classes.find((c) => c.id === p.classId);
    return {
      classId: p.classId,
      name: cls?.name ?? 'a removed class',
      color: cls?.color ?? '#6e7782',
      precision: cell(p.precision, p.missing.precision, evaluation.split),
      recall: cell(p.recall, p.missing.recall, evaluation.split),
      f1: cell(p.f1, p.missing.f1, evaluation.split),
      support: p.support,
      tooFew: p.support < minPerClass,
    };
  });
}

/** One row of the rounds table: what picked its labels, its figures and whether they can be trusted. */
export interface RoundRow {
  round: number;
  /** "margin", or "mixed: margin 12, gallery 3". */
  strategy: string;
  labels: number;
  retrains: number;
  val: Figure | null;
  testAccuracy: Evaluation['accuracy'];
  testMacroF1: Evaluation['macroF1'];
  testLabels: number | null;
  tooFew: boolean;
  /** Why a round has no test figures. */
  note: string | null;
  /** Classes with fewer test labels than the loop asks for. */
  shortClasses: number;
}

/** Newest first, as the table under the curve lists them. */
export function roundRows(rounds: readonly Round[], minPerClass: number): RoundRow[] {
  return [...rounds].reverse().map((r) => ({
    round: r.round,
    strategy: r.picked && r.picked.length > 1 ? `mixed: ${r.picked.map((p) => `${p.strategy} ${p.labels}`).join(', ')}` : r.strategy,
    labels: r.labels,
    retrains: r.retrains,
    val: r.val,
    testAccuracy: r.test?.accuracy ?? null,
    testMacroF1: r.test?.macroF1 ?? null,
    testLabels: r.test?.count ?? null,
    tooFew: r.test?.tooFew ?? true,
    note: r.testNote,
    shortClasses: r.test ? r.test.perClass.filter((p) => p.support < minPerClass).length : 0,
  }));
}

/** 0..1 shading of a confusion-matrix cell: its share of the true class's row. */
export function rowShare(confusion: readonly (readonly number[])[], row: number, column: number): number {
  const total = confusion[row]?.reduce((a, b) => a + b, 0) ?? 0;
  return total > 0 ? (confusion[row][column] ?? 0) / total : 0;
}
