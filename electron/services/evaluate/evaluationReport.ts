import { StudioError } from '../../../shared/contract/channel';
import type { EvaluationReport, RunSummary } from '../../../shared/contract/evaluate';
import type { Round } from '../../../shared/contract/loop';
import { headlineMinimum } from '../../../shared/domain/honestFigures';
import { labelingSpeed } from '../../../shared/domain/labelingSpeed';
import type { RunRecord } from '../../../shared/ml/runs';
import { evaluateOnSplit } from '../loop/evaluateRun';
import type { StoredRound } from '../loop/loopDocument';
import { unscorableNote, type RoundScorer } from '../loop/roundScores';
import type { RunProbabilities } from '../ml/probabilityFiles';
import type { Project } from '../project/Project';

const missingProbabilities = 'This run’s probabilities are not on disk, so it cannot be scored on today’s labels. Train again to score the samples.';

/** What a report is built from: the loop's rounds and scorer, the run records, and a way to read a run's probabilities. */
export interface ReportSources {
  rounds: readonly StoredRound[];
  /** Oldest first. */
  runs: readonly RunRecord[];
  scorer: RoundScorer;
  probabilities(runId: string): Promise<RunProbabilities>;
}

/**
 * Every figure the Evaluate tab shows for one run (the latest succeeded unless named), on
 * today's labels: the app's handler and `studio evaluate` both build it here.
 */
export async function evaluationReport(project: Project, sources: ReportSources, runId?: string): Promise<EvaluationReport> {
  const succeeded = sources.runs.filter((r) => r.status === 'succeeded');
  const run = runId ? sources.runs.find((r) => r.id === runId) : succeeded.at(-1);
  if (runId && !run) throw new StudioError('not-found', `There is no run ${runId} in this project.`, 'List the runs with `studio evaluate DIR --json` (runs) or in the Model tab.');
  if (run && run.status !== 'succeeded') throw new StudioError('invalid-request', `Run ${run.id} ${run.status}; only a finished run can be evaluated.`);
  const rounds = await sources.scorer.score(sources.rounds, sources.runs);
  const summary = (r: RunRecord) => runSummary(r, rounds);
  const base = {
    runs: [...succeeded].reverse().map(summary),
    rounds,
    curve: curveFacts(rounds),
    testLabelsChosenByModel: chosenTestLabels(project, sources.scorer),
    minimum: headlineMinimum,
    speed: labelingSpeed(project.labels.book.decisions, sources.rounds),
  };
  if (!run) return { ...base, run: null, test: null, val: null, notes: { test: 'No model yet: train one (Model tab, T) to see its figures.', val: 'No model yet.' } };
  const probabilities = await sources.probabilities(run.id).catch(() => null);
  if (!probabilities) return { ...base, run: summary(run), test: null, val: null, notes: { test: missingProbabilities, val: missingProbabilities } };
  const chosenByModel = sources.scorer.chosenByModel();
  const test = evaluateOnSplit(project, 'test', probabilities, { chosenByModel, leaky: await sources.scorer.leakyTestSamples() });
  const val = evaluateOnSplit(project, 'val', probabilities, { chosenByModel });
  return {
    ...base,
    run: summary(run),
    test,
    val,
    notes: {
      test: test ? null : 'No labeled test image yet: the queue asks for them at random (marked “held-out test image”).',
      val: val ? null : 'No labeled val image yet: the queue asks for them at random.',
    },
  };
}

export function runSummary(run: RunRecord, rounds: readonly Round[]): RunSummary {
  return {
    id: run.id,
    createdAt: run.createdAt,
    finishedAt: run.finishedAt,
    round: rounds.find((r) => r.runId === run.id)?.round ?? null,
    labels: { train: run.labels.train, val: run.labels.val },
    backbone: run.backbone.name,
    head: run.head.kind === 'mlp' ? `MLP ${run.head.hiddenUnits}` : 'linear',
  };
}

function curveFacts(rounds: readonly Round[]): EvaluationReport['curve'] {
  const scored = rounds.filter((r) => r.test !== null);
  return { testLabels: scored[0]?.test?.count ?? 0, scored: scored.length, unscored: rounds.filter((r) => r.testNote === unscorableNote).length };
}

function chosenTestLabels(project: Project, scorer: RoundScorer): number {
  let count = 0;
  for (const sampleId of scorer.chosenByModel()) {
    if (project.samples.get(sampleId)?.split === 'test' && project.labels.stateOf(sampleId).classId !== null) count += 1;
  }
  return count;
}
