import { bootstrapInterval, wilsonInterval, type Estimate } from '../../../shared/domain/intervals';
import { confusionMatrix, evaluatePredictions, macroF1 } from '../../../shared/domain/metrics';
import type { RunRecord } from '../../../shared/ml/runs';
import type { RunProbabilities } from '../ml/probabilityFiles';
import type { Project } from '../project/Project';

/** Below this many test labels a class's figures are listed as a known limit. */
export const minTestLabelsPerClass = 10;

export interface ClassFigures {
  classId: string;
  support: number;
  precision: Estimate | null;
  recall: Estimate | null;
  f1: number;
}

/** How the run does on the labeled test split, with 95 % intervals and the counts behind them. */
export interface TestFigures {
  count: number;
  accuracy: Estimate;
  macroF1: Estimate;
  ece: number;
  perClass: ClassFigures[];
  /** Rows = true class, columns = predicted class, in the run's class order. */
  confusion: number[][];
}

/**
 * The run's test figures on the project's labeled test samples as they are now (the test
 * split is never trained on, so labels added since the run still measure it fairly).
 * Accuracy, precision and recall carry Wilson intervals; macro-F1 a seeded bootstrap.
 * Null when no test sample has a label the run knows.
 */
export function testFigures(project: Project, run: RunRecord, probabilities: RunProbabilities): TestFigures | null {
  const k = run.classIds.length;
  const { truth, rows } = testRows(project, run, probabilities);
  if (!truth.length) return null;
  const evaluation = evaluatePredictions('test', run.classIds, { truth, probabilities: rowsOf(rows, Int32Array.from(truth, (_, i) => i), k), numClasses: k });
  const correct = evaluation.confusion.reduce((sum, row, c) => sum + row[c], 0);
  const macro = bootstrapInterval(truth.length, (picked) => {
    const sample = { truth: Array.from(picked, (i) => truth[i]), probabilities: rowsOf(rows, picked, k), numClasses: k };
    return macroF1(confusionMatrix(sample));
  })!;
  const perClass = evaluation.perClass.map((scores, c) => {
    const predicted = evaluation.confusion.reduce((sum, row) => sum + row[c], 0);
    const hits = evaluation.confusion[c][c];
    return { classId: scores.classId, support: scores.support, precision: wilsonInterval(hits, predicted), recall: wilsonInterval(hits, scores.support), f1: scores.f1 };
  });
  return { count: evaluation.count, accuracy: wilsonInterval(correct, evaluation.count)!, macroF1: macro, ece: evaluation.ece, perClass, confusion: evaluation.confusion };
}

/** Labeled test samples per class id (those the run scored). */
export function testLabelCounts(figures: TestFigures | null, run: RunRecord): Record<string, number> {
  return Object.fromEntries(run.classIds.map((id, c) => [id, figures?.perClass[c].support ?? 0]));
}

/** The labeled test samples the run scored, as `evaluateOnTest` picks them. */
function testRows(project: Project, run: RunRecord, probabilities: RunProbabilities): { truth: number[]; rows: Float32Array[] } {
  const column = new Map(run.classIds.map((id, i) => [id, i]));
  const truth: number[] = [];
  const rows: Float32Array[] = [];
  for (const sample of project.samples.all) {
    if (sample.split !== 'test') continue;
    const classId = project.labels.stateOf(sample.id).classId;
    const c = classId === null ? undefined : column.get(classId);
    const row = c === undefined ? null : probabilities.row(sample.id);
    if (c === undefined || !row) continue;
    truth.push(c);
    rows.push(row);
  }
  return { truth, rows };
}

function rowsOf(rows: Float32Array[], picked: Int32Array, k: number): Float32Array {
  const out = new Float32Array(picked.length * k);
  picked.forEach((i, r) => out.set(rows[i], r * k));
  return out;
}
