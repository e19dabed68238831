import type { Evaluation, Round } from '../../../shared/contract/loop';
import { evaluatePredictions } from '../../../shared/domain/metrics';
import type { RunRecord } from '../../../shared/ml/runs';
import { readRunProbabilities, type RunProbabilities } from '../ml/probabilityFiles';
import type { Project } from '../project/Project';
import type { LoopStore } from './LoopStore';
import { leakyTestSamples } from '../quality/groupViews';

/**
 * How a finished run does on the labeled samples of the frozen test split, in the run's
 * class order. Null while no test sample has a label the run knows. `leaky` test samples
 * (a duplicate sits in train or val, found by the data checks) are left out and counted.
 */
export function evaluateOnTest(project: Project, run: RunRecord, probabilities: RunProbabilities, leaky: ReadonlySet<string> = new Set()): Evaluation | null {
  const column = new Map(run.classIds.map((id, i) => [id, i]));
  const k = run.classIds.length;
  const truth: number[] = [];
  const rows: number[] = [];
  let leaked = 0;
  for (const sample of project.samples.all) {
    if (sample.split !== 'test') continue;
    if (leaky.has(sample.id)) {
      leaked += 1;
      continue;
    }
    const classId = project.labels.stateOf(sample.id).classId;
    const c = classId === null ? undefined : column.get(classId);
    const row = c === undefined ? null : probabilities.row(sample.id);
    if (c === undefined || !row) continue;
    truth.push(c);
    for (let j = 0; j < k; j++) rows.push(row[j]);
  }
  if (!truth.length) return null;
  return { ...evaluatePredictions('test', run.classIds, { truth, probabilities: rows, numClasses: k }), ...(leaked ? { leakyExcluded: leaked } : {}) };
}

/**
 * A succeeded run becomes the loop's next round, with its figures on the labeled test split
 * (whether the studio's loop or the CLI trained it), so the learning curve has every model.
 */
export async function recordRound(project: Project, store: LoopStore, run: RunRecord, strategy: string): Promise<{ round: Round; probabilities: RunProbabilities | null }> {
  let probabilities: RunProbabilities | null = null;
  try {
    probabilities = await readRunProbabilities(project.dir, run.id);
  } catch {
    // A run without readable probabilities is still a round; it just has no test figures.
  }
  const round = await store.addRound({
    runId: run.id,
    at: run.finishedAt ?? new Date().toISOString(),
    labels: run.labels.train + run.labels.val,
    strategy,
    valAccuracy: run.metrics?.val?.accuracy ?? null,
    test: probabilities ? evaluateOnTest(project, run, probabilities, await leakyTestSamples(project)) : null,
  });
  return { round, probabilities };
}
