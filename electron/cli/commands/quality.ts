import { StudioError } from '../../../shared/contract/channel';
import type { QualityReport } from '../../../shared/ml/quality';
import { readQualityReport } from '../../worker/quality/qualityFiles';
import { createMlServices } from '../../services/ml/index';
import { RunStore } from '../../services/ml/RunStore';
import type { Project } from '../../services/project/Project';
import { groupViews } from '../../services/quality/groupViews';
import { sampleNow } from '../../services/quality/overview';
import { QualityStore } from '../../services/quality/QualityStore';
import { openSuspects } from '../../services/quality/reviewQueue';
import { refreshMap, runQualityChecks } from '../../services/quality/runChecks';
import { defineCommand } from '../command';
import { stringOption, withProject } from '../projectArgs';

interface QualityOutput {
  runId: string;
  checked: number;
  suspectedLabelErrors: { id: string; given: string; suggested: string; score: number }[];
  duplicateGroups: { ids: string[]; kind: 'exact' | 'near'; straddlesSplits: boolean }[];
  outliers: { id: string; score: number }[];
}

export const qualityCommand = defineCommand<QualityOutput>({
  name: 'quality',
  usage: 'quality DIR [--run ID]',
  summary: 'Suspected label errors, duplicate groups and outliers of a run (checked now if not yet), worst first.',
  positionals: 1,
  options: { run: { type: 'string' } },
  run: async ({ positionals, values, progress, signal }) => {
    const dir = positionals[0];
    const runId = stringOption(values, 'run');
    const ready = await withProject(dir, { readOnly: true, purpose: 'cli quality' }, async (project) => {
      const run = await chosenRun(project, runId);
      const report = await readQualityReport(project.dir, run.id);
      return report ? summarise(project, report) : null;
    });
    if (ready) return ready;
    return withProject(dir, { readOnly: false, purpose: 'cli quality' }, async (project) => {
      const run = await chosenRun(project, runId);
      const ml = createMlServices();
      try {
        const store = await QualityStore.open(project);
        const settings = store.settings;
        await store.close();
        const onProgress = (p: { step: string; done: number; total: number }) => p.done === p.total && progress(`${p.step} ${p.done}/${p.total}`);
        const report = await runQualityChecks(project, ml, run, settings, { signal, onProgress });
        await refreshMap(project, ml, run, { signal, onProgress });
        return summarise(project, report);
      } finally {
        await ml.dispose();
      }
    });
  },
  format: (r) => {
    const lines = [`Run ${r.runId}: ${r.checked} labeled images checked.`, `${r.suspectedLabelErrors.length} suspected label errors (worst first; score = out-of-fold probability of the given label):`];
    for (const s of r.suspectedLabelErrors.slice(0, 20)) lines.push(`  ${s.id}  given ${s.given}, suggested ${s.suggested}  score ${s.score.toFixed(3)}`);
    if (r.suspectedLabelErrors.length > 20) lines.push(`  … ${r.suspectedLabelErrors.length - 20} more (--json lists all)`);
    lines.push(`${r.duplicateGroups.length} duplicate groups:`);
    for (const g of r.duplicateGroups.slice(0, 10)) lines.push(`  ${g.kind}${g.straddlesSplits ? ' (straddles splits)' : ''}: ${g.ids.join(' ')}`);
    lines.push(`${r.outliers.length} outliers:`);
    for (const o of r.outliers.slice(0, 10)) lines.push(`  ${o.id}  ${o.score.toFixed(2)}× the nearest class's spread`);
    return lines.join('\n');
  },
});

async function chosenRun(project: Project, runId: string | undefined) {
  const runs = (await RunStore.for(project)).list();
  const run = runId ? runs.find((r) => r.id === runId) : runs.filter((r) => r.status === 'succeeded').at(-1);
  if (!run) {
    throw runId
      ? new StudioError('not-found', `There is no run ${runId} in this project.`, 'Leave out --run to use the newest succeeded run.')
      : new StudioError('not-found', 'This project has no trained run yet.', 'Train one first: studio train DIR');
  }
  return run;
}

/** The report as the CLI prints it: open suspects (not kept, label unchanged), groups, outliers. */
async function summarise(project: Project, report: QualityReport): Promise<QualityOutput> {
  const store = await QualityStore.open(project);
  try {
    const names = new Map(project.doc.classes.map((c) => [c.id, c.name]));
    const { items } = openSuspects({ report, sampleNow: sampleNow(project), reviewOf: (id) => store.reviewOf(id) });
    return {
      runId: report.runId,
      checked: report.checked,
      suspectedLabelErrors: items.map((s) => ({ id: s.sampleId, given: names.get(s.given) ?? s.given, suggested: names.get(s.suggested) ?? s.suggested, score: s.selfConfidence })),
      duplicateGroups: groupViews(project, report.duplicateGroups, store.ignoredGroups).map((g) => ({ ids: g.members.map((m) => m.id), kind: g.kind, straddlesSplits: g.straddles })),
      outliers: report.outliers.map((o) => ({ id: o.sampleId, score: o.score })),
    };
  } finally {
    await store.close();
  }
}
