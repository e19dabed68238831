import type { Evaluation } from '../../../shared/contract/loop';
import { evaluatePredictions } from '../../../shared/domain/metrics';
import type { RunRecord } from '../../../shared/ml/runs';
import type { RunProbabilities } from '../ml/probabilityFiles';
import type { Project } from '../project/Project';

/**
 * How a finished run does on the labeled samples of the frozen test split, in the run's
 * class order. Null while no test sample has a label the run knows.
 */
export function evaluateOnTest(project: Project, run: RunRecord, probabilities: RunProbabilities): Evaluation | null {
  const column = new Map(run.classIds.map((id, i) => [id, i]));
  const k = run.classIds.length;
  const truth: number[] = [];
  const rows: number[] = [];
  for (const sample of project.samples.all) {
    if (sample.split !== 'test') continue;
    const classId = project.labels.stateOf(sample.id).classId;
    const c = classId === null ? undefined : column.get(classId);
    const row = c === undefined ? null : probabilities.row(sample.id);
    if (c === undefined || !row) continue;
    truth.push(c);
    for (let j = 0; j < k; j++) rows.push(row[j]);
  }
  if (!truth.length) return null;
  return evaluatePredictions('test', run.classIds, { truth, probabilities: rows, numClasses: k });
}
