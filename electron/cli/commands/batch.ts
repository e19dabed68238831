import { resolve } from 'node:path';
import { defineCommand, UsageError } from '../command';
import type { BatchPick, BatchReport, BatchSummary } from '../../../shared/contract/batches';
import type { ImportReport } from '../../../shared/contract/imports';
import { BatchService } from '../../services/batches/BatchService';
import { importBatch } from '../../services/batches/importBatch';
import { putAtQueueFront } from '../../services/batches/queueFront';
import { LoopStore } from '../../services/loop/LoopStore';
import { createMlServices } from '../../services/ml/index';
import { RunStore } from '../../services/ml/RunStore';
import type { Project } from '../../services/project/Project';
import { positiveInt, requiredOption, stringOption, withProject } from '../projectArgs';
import { formatReport } from './import';

type BatchResult = BatchSummary[] | BatchReport | BatchPick | { batch: BatchSummary; report: ImportReport };

const actions = 'import | list | report | queue | audit | move';

export const batchCommand = defineCommand<BatchResult>({
  name: 'batch',
  usage: 'batch import DIR SRC... --name NAME | list DIR | report DIR NAME [--run ID] | queue DIR NAME [--run ID] --n N | audit DIR NAME [--run ID] --n N | move DIR NAME',
  summary: 'New data kept apart from training: import a named batch, report its shift (PSI) against the project, queue its least confident images, draw an audit sample, or add it to the project.',
  positionals: 2,
  options: { name: { type: 'string' }, run: { type: 'string' }, n: { type: 'string' } },
  run: async ({ positionals, values, progress, signal }) => {
    const [action, dir, ...rest] = positionals;
    if (action === 'import') {
      if (rest.length === 0) throw new UsageError('Name the folders or images to import.');
      const name = requiredOption(values, 'name');
      return withProject(dir, { readOnly: false, purpose: 'cli batch import' }, (project) =>
        importBatch(project, { name, sources: rest.map((s) => resolve(s)) }, { signal, onProgress: (p) => p.done === p.total && p.phase !== 'scanning' && progress(`${p.phase}: ${p.done}/${p.total} files`) }),
      );
    }
    if (!['list', 'report', 'queue', 'audit', 'move'].includes(action)) throw new UsageError(`Unknown action "${action}": use ${actions}.`);
    const writes = action === 'queue' || action === 'audit' || action === 'move';
    return withProject(dir, { readOnly: !writes, purpose: `cli batch ${action}` }, async (project) => {
      const ml = createMlServices();
      try {
        const service = new BatchService({ worker: ml.worker, catalog: ml.catalog, queueFront: async (p, runId, picks) => putAtQueueFront(await LoopStore.open(p), runId, picks) });
        if (action === 'list') return await service.list(project);
        const name = rest[0];
        if (!name) throw new UsageError('Name the batch.');
        if (action === 'report') return await service.report(project, name, stringOption(values, 'run'), (p) => p.done === p.total && progress(`${p.phase} ${p.done}/${p.total}`));
        if (action === 'move') return await service.moveRest(project, name);
        const runId = stringOption(values, 'run') ?? (await latestRun(project));
        const n = positiveInt(requiredOption(values, 'n'), 'n', 1);
        return await (action === 'queue' ? service.queueLeastConfident(project, name, runId, n) : service.drawAudit(project, name, runId, n));
      } finally {
        await ml.dispose();
      }
    });
  },
  format: (result) => {
    if (Array.isArray(result)) return result.length ? result.map((b) => `${b.name} (${b.id}): ${b.count} images, ${b.moved} moved into the project, ${b.audited} audited`).join('\n') : 'No batches yet.';
    if ('verdict' in result) return formatBatchReport(result);
    if ('report' in result) return `Batch "${result.batch.name}": ${result.batch.count} images held apart from training.\n${formatReport(result.report)}`;
    return `${result.note} (${result.moved} moved, ${result.queued} queued)`;
  },
});

async function latestRun(project: Project): Promise<string> {
  const run = (await RunStore.for(project)).latest('succeeded');
  if (!run) throw new UsageError('This project has no trained model yet: train one first, or name a run with --run.');
  return run.id;
}

function formatBatchReport(r: BatchReport): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  const lines = [
    `Batch "${r.batch.name}" (${r.scored} images predicted by ${r.runId}${r.unreadable ? `, ${r.unreadable} unreadable` : ''}) against ${r.reference.n} ${r.reference.description}:`,
    `  ${r.verdict}`,
    '  class              batch     project   PSI',
    ...r.classes.map((c) => `  ${c.name.padEnd(18).slice(0, 18)} ${pct(c.batch.share).padStart(8)}  ${pct(c.reference.share).padStart(8)}  ${c.psi.toFixed(3)}`),
    `  confidence PSI ${r.confidence.psi.toFixed(3)}; thresholds: < ${r.thresholds.moderate} none, ${r.thresholds.moderate}–${r.thresholds.major} moderate, > ${r.thresholds.major} major`,
  ];
  if (r.audit) lines.push(`  audit: ${r.audit.accuracy ? `accuracy ${pct(r.audit.accuracy.value)} (95 % ${pct(r.audit.accuracy.low)}–${pct(r.audit.accuracy.high)}, n = ${r.audit.labeled})` : 'no labels yet'}. ${r.audit.note}`);
  return lines.join('\n');
}
