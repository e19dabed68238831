import type { Evaluation, Figure } from '../../../shared/contract/evaluation';
import { wilsonInterval } from '../../../shared/domain/intervals';
import { labelsChosenByModel } from '../../../shared/domain/labelViews';
import { evaluatePredictions } from '../../../shared/domain/metrics';
import type { RunRecord } from '../../../shared/ml/runs';
import type { RunProbabilities } from '../ml/probabilityFiles';
import type { Project } from '../project/Project';

/** Below this many test labels a class's figures are listed as a known limit. */
export const minTestLabelsPerClass = 10;

/** A class's test figures, in the run's (the exported model's) class order. */
export type ClassFigures = Omit<Evaluation['perClass'][number], 'precision' | 'recall'> & {
  /** Wilson intervals; n is the predictions (precision) or the labels (recall) they rest on. */
  precision: Figure | null;
  recall: Figure | null;
};

/** The run's test evaluation with every figure's interval and n, classes in the run's order. */
export type TestFigures = Omit<Evaluation, 'perClass' | 'accuracy'> & { accuracy: Figure | null; perClass: ClassFigures[] };

/**
 * How the exported model does on the project's labeled test images as they are now (the
 * test split is never trained on, so labels added since still measure it fairly), in the
 * columns of the run, which are the model's outputs. Accuracy, precision and recall carry
 * Wilson intervals, macro-F1 the evaluation's seeded bootstrap; labels set in views that
 * showed the model's predictions are counted apart, and `leaky` test images (a near-copy sits
 * in train or val) are left out and counted, as the Evaluate tab does. Null when no test
 * image has a label the run knows.
 */
export function testFigures(project: Project, run: RunRecord, probabilities: RunProbabilities, leaky: ReadonlySet<string> = new Set()): TestFigures | null {
  const k = run.classIds.length;
  const column = new Map(run.classIds.map((id, i) => [id, i]));
  const book = project.labels.book;
  const chosen = labelsChosenByModel(book.decisions, (seq) => book.isUndone(seq));
  const truth: number[] = [];
  const rows: number[] = [];
  const chosenByModel: boolean[] = [];
  let leakyExcluded = 0;
  for (const sample of project.samples.all) {
    if (sample.split !== 'test') continue;
    const classId = book.stateOf(sample.id).classId;
    const c = classId === null ? undefined : column.get(classId);
    const row = c === undefined ? null : probabilities.row(sample.id);
    if (c === undefined || !row) continue;
    if (leaky.has(sample.id)) {
      leakyExcluded += 1;
      continue;
    }
    truth.push(c);
    for (let j = 0; j < k; j++) rows.push(row[j]);
    chosenByModel.push(chosen.has(sample.id));
  }
  if (!truth.length) return null;
  const evaluation = evaluatePredictions('test', run.classIds, { truth, probabilities: Float32Array.from(rows), numClasses: k, chosenByModel });
  const withN = (successes: number, n: number): Figure | null => {
    const interval = wilsonInterval(successes, n);
    return interval && { ...interval, n };
  };
  return {
    ...evaluation,
    ...(leakyExcluded ? { leakyExcluded } : {}),
    accuracy: evaluation.accuracy && { ...evaluation.accuracy, n: evaluation.count },
    perClass: evaluation.perClass.map((c) => ({ ...c, precision: withN(c.correct, c.predicted), recall: withN(c.correct, c.support) })),
  };
}

/** Labeled test images per class id (those the run scored). */
export function testLabelCounts(figures: TestFigures | null, run: RunRecord): Record<string, number> {
  return Object.fromEntries(run.classIds.map((id, c) => [id, figures?.perClass[c].support ?? 0]));
}
