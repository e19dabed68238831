import { defineCommand } from '../command';
import type { EvaluationReport, FailureCases, RunComparison } from '../../../shared/contract/evaluate';
import { StudioError } from '../../../shared/contract/channel';
import { evaluationReport, runSummary } from '../../services/evaluate/evaluationReport';
import { failureCases } from '../../services/evaluate/failureCases';
import { compareRuns } from '../../services/evaluate/runComparison';
import { LoopStore } from '../../services/loop/LoopStore';
import { RoundScorer } from '../../services/loop/roundScores';
import { ProbabilityCache } from '../../services/ml/ProbabilityCache';
import { RunStore } from '../../services/ml/RunStore';
import { evaluationText } from '../format/evaluationText';
import { positiveInt, stringOption, withProject } from '../projectArgs';

/** The Evaluate tab's figures, the failure cases and (with --compare) a comparison, with the class names. */
export interface EvaluateOutput extends EvaluationReport {
  classes: { id: string; name: string }[];
  failures: FailureCases | null;
  comparison: RunComparison | null;
}

export const evaluateCommand = defineCommand<EvaluateOutput>({
  name: 'evaluate',
  usage: 'evaluate DIR [--run ID] [--compare BASE_RUN] [--failures N]',
  summary: 'Every figure of the Evaluate tab on today\'s labels: test and val with 95% intervals and n, per class, confusion, rounds, failure cases.',
  positionals: 1,
  options: { run: { type: 'string' }, compare: { type: 'string' }, failures: { type: 'string' } },
  run: ({ positionals, values }) =>
    withProject(positionals[0], { readOnly: true, purpose: 'cli evaluate' }, async (project) => {
      const [loop, runs] = await Promise.all([LoopStore.open(project), RunStore.for(project)]);
      const cache = new ProbabilityCache();
      const probabilities = (runId: string) => cache.get(project, runId);
      const scorer = new RoundScorer(project);
      const report = await evaluationReport(project, { rounds: loop.rounds, runs: runs.list(), scorer, probabilities }, stringOption(values, 'run'));
      const limit = positiveInt(stringOption(values, 'failures'), 'failures', 5);
      const failures = report.run && report.test !== null ? failureCases(project, report.run.id, await probabilities(report.run.id), { splits: ['val', 'test'], limit }) : null;
      const baseId = stringOption(values, 'compare');
      let comparison: RunComparison | null = null;
      if (baseId) {
        const base = runs.get(baseId);
        if (!base || base.status !== 'succeeded') throw new StudioError('not-found', `There is no finished run ${baseId} to compare with.`, 'The runs are listed under "runs" in `studio evaluate DIR --json`.');
        if (!report.run) throw new StudioError('not-found', 'There is no trained model to compare.');
        const other = runs.get(report.run.id)!;
        comparison = compareRuns(project, { summary: runSummary(base, report.rounds), scored: await probabilities(base.id) }, { summary: runSummary(other, report.rounds), scored: await probabilities(other.id) }, await scorer.leakyTestSamples());
      }
      return { ...report, classes: project.doc.classes.map((c) => ({ id: c.id, name: c.name })), failures, comparison };
    }),
  format: evaluationText,
});
