import type { EvaluationReport, FailureCases, RunComparison } from '../../../shared/contract/evaluate';
import { unwrap } from '../api/studioApi';
import { projectLoader, slicePatcher } from './sliceTools';
import type { Slice } from './types';

export type HeldOutSplit = 'val' | 'test';

export interface EvaluateState {
  /** The run the tab evaluates; null: the latest succeeded run. */
  runId: string | null;
  /** Every figure of the tab for that run; null until the tab asks. */
  report: EvaluationReport | null;
  failures: FailureCases | null;
  failureSplits: HeldOutSplit[];
  /** Two runs picked for comparison, and the studio's answer once it came. */
  comparison: { baseRunId: string; runId: string; result: RunComparison | null } | null;
}

export interface EvaluateSlice {
  evaluate: EvaluateState;
  /** The report and failure cases for the chosen run, on today's labels. */
  loadEvaluation(): Promise<void>;
  chooseEvaluationRun(runId: string | null): void;
  setFailureSplits(splits: HeldOutSplit[]): void;
  compareRuns(baseRunId: string, runId: string): Promise<void>;
  clearComparison(): void;
  resetEvaluate(): void;
}

const initial: EvaluateState = { runId: null, report: null, failures: null, failureSplits: ['val', 'test'], comparison: null };

export const createEvaluateSlice: Slice<EvaluateSlice> = (set, get, { api }) => {
  let epoch = 0;
  const patch = slicePatcher(set, 'evaluate');
  const load = projectLoader(get, () => epoch);
  const state = () => get().evaluate;

  const loadFailures = async (runId: string): Promise<void> => {
    const asked = { runId, splits: state().failureSplits };
    await load(unwrap(api.evaluate.failures(asked)), (failures) => {
      if (state().report?.run?.id === asked.runId) patch({ failures });
    }, 'Failure cases');
  };

  return {
    evaluate: initial,

    async loadEvaluation() {
      const runId = state().runId;
      await load(unwrap(api.evaluate.report(runId ? { runId } : {})), (report) => patch({ report, ...(report.run ? {} : { failures: null }) }), 'The evaluation');
      const report = state().report;
      if (report?.run && report.test !== null) await loadFailures(report.run.id);
      else patch({ failures: null });
      const comparison = state().comparison;
      if (comparison) await get().compareRuns(comparison.baseRunId, comparison.runId);
    },

    chooseEvaluationRun(runId) {
      patch({ runId, failures: null });
      void get().loadEvaluation();
    },

    setFailureSplits(failureSplits) {
      patch({ failureSplits });
      const run = state().report?.run;
      if (run) void loadFailures(run.id);
    },

    async compareRuns(baseRunId, runId) {
      patch((e) => ({ comparison: { baseRunId, runId, result: e.comparison?.baseRunId === baseRunId && e.comparison.runId === runId ? e.comparison.result : null } }));
      await load(unwrap(api.evaluate.compare({ baseRunId, runId })), (result) => {
        const asked = state().comparison;
        if (asked?.baseRunId === baseRunId && asked.runId === runId) patch({ comparison: { baseRunId, runId, result } });
      }, 'The comparison');
    },

    clearComparison: () => patch({ comparison: null }),

    resetEvaluate() {
      epoch += 1;
      set({ evaluate: initial });
    },
  };
};
