import { StudioError } from '../../../shared/contract/channel';
import type { HandlerRegistry } from '../rpc/HandlerRegistry';
import type { LoopService } from '../loop/LoopService';
import type { LoopSession } from '../loop/LoopSession';
import { ProbabilityCache } from '../ml/ProbabilityCache';
import { evaluationReport, runSummary, type ReportSources } from './evaluationReport';
import { failureCases } from './failureCases';
import { compareRuns } from './runComparison';

/** `evaluate:*`: a run's figures on today's labels, its failure cases, and two runs compared. */
export function registerEvaluateHandlers(registry: HandlerRegistry, loop: LoopService): void {
  const cache = new ProbabilityCache();
  const sources = (session: LoopSession): ReportSources => ({
    rounds: session.store.rounds,
    runs: session.runRecords.list(),
    scorer: session.scorer,
    probabilities: (runId) => cache.get(session.project, runId),
  });
  /** A succeeded run by id, or the latest one. */
  const finishedRun = (session: LoopSession, runId: string | undefined) => {
    const run = runId ? session.runRecords.get(runId) : session.runRecords.latest('succeeded');
    if (!run) throw new StudioError('not-found', runId ? `There is no run ${runId} in this project.` : 'There is no trained model yet.', 'Train one first (Model tab, or `studio train DIR`).');
    if (run.status !== 'succeeded') throw new StudioError('invalid-request', `Run ${run.id} ${run.status}; only a finished run can be evaluated.`);
    return run;
  };

  registry.handle('evaluate:report', async ({ runId }) => {
    const session = await loop.session();
    return evaluationReport(session.project, sources(session), runId);
  });
  registry.handle('evaluate:failures', async ({ runId, splits, limit }) => {
    const session = await loop.session();
    const run = finishedRun(session, runId);
    return failureCases(session.project, run.id, await cache.get(session.project, run.id), { splits, limit });
  });
  registry.handle('evaluate:compare', async ({ baseRunId, runId }) => {
    const session = await loop.session();
    const [base, other] = [finishedRun(session, baseRunId), finishedRun(session, runId)];
    const rounds = await session.rounds();
    const [baseRows, otherRows] = await Promise.all([cache.get(session.project, base.id), cache.get(session.project, other.id)]);
    return compareRuns(session.project, { summary: runSummary(base, rounds), scored: baseRows }, { summary: runSummary(other, rounds), scored: otherRows }, await session.scorer.leakyTestSamples());
  });
}
