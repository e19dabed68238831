import { defineCommand, UsageError } from '../command';
import { StudioError } from '../../../shared/contract/channel';
import type { HeadOverrides, RunRecord } from '../../../shared/ml/runs';
import { recordRound } from '../../services/loop/recordRound';
import { LoopStore } from '../../services/loop/LoopStore';
import { createMlServices } from '../../services/ml/index';
import { positiveInt, stringOption, withProject } from '../projectArgs';
import { downloadProgressPrinter } from './models';

export const trainCommand = defineCommand<RunRecord>({
  name: 'train',
  usage: 'train DIR [--backbone ID] [--head linear|mlp] [--epochs N] [--no-warm-start] [--fine-tune]',
  summary: "Train the head on the labeled images and score every sample (on the loop's backbone unless --backbone); prints the run record.",
  positionals: 1,
  options: {
    backbone: { type: 'string' },
    head: { type: 'string' },
    epochs: { type: 'string' },
    'no-warm-start': { type: 'boolean' },
    'fine-tune': { type: 'boolean' },
  },
  run: ({ positionals, values, progress, signal }) =>
    withProject(positionals[0], { readOnly: false, purpose: 'cli train' }, async (project) => {
      const kind = stringOption(values, 'head') ?? 'linear';
      if (kind !== 'linear' && kind !== 'mlp') throw new UsageError('--head must be "linear" or "mlp".');
      const head: HeadOverrides = { kind };
      if (values.epochs !== undefined) head.epochs = positiveInt(stringOption(values, 'epochs'), 'epochs', 1);
      const loop = await LoopStore.open(project);
      const labelSeq = project.labels.book.lastSeq;
      const ml = createMlServices();
      try {
        const download = downloadProgressPrinter(progress);
        const handle = await ml.runs.start(project, {
          backboneId: stringOption(values, 'backbone') ?? loop.settings.backboneId,
          head,
          warmStart: !values['no-warm-start'],
          fineTune: Boolean(values['fine-tune']),
          onProgress: (p) => {
            if (p.phase === 'downloading') download({ backboneId: p.backboneId, receivedBytes: p.receivedBytes, totalBytes: p.totalBytes, resumedFrom: 0 });
            else if (p.phase === 'training' || p.phase === 'fine-tuning') {
              const e = p.epoch;
              progress(`${p.phase === 'fine-tuning' ? 'fine-tuning ' : ''}epoch ${e.epoch}/${p.epochs}: loss ${e.loss.toFixed(4)} acc ${e.accuracy.toFixed(3)}${e.valAccuracy !== undefined ? ` val_loss ${e.valLoss?.toFixed(4)} val_acc ${e.valAccuracy.toFixed(3)}` : ''}`);
            } else if (p.phase !== 'fine-tuning-step' && p.done === p.total) progress(`${p.phase} ${p.done}/${p.total}`);
          },
        });
        signal.addEventListener('abort', () => handle.cancel(), { once: true });
        const record = await handle.done;
        if (record.status !== 'succeeded') {
          throw new StudioError(record.error?.code === 'cancelled' ? 'cancelled' : 'internal', `Run ${record.id} ${record.status}: ${record.error?.message ?? 'no reason given'}`, record.error?.hint);
        }
        // The run is a round of the loop like one the studio started: on the learning curve, and the retrain count starts over.
        await loop.setRunStart({ runId: record.id, labelSeq });
        await recordRound(project, loop, record, labelSeq);
        return record;
      } finally {
        await ml.dispose();
      }
    }),
  format: (r) => {
    const val = r.metrics?.val;
    const fineTune = !r.fineTune.requested ? '' : r.fineTune.available ? `\n  ${r.fineTune.reason}` : `\n  fine-tuning not available: ${r.fineTune.reason}`;
    return [
      `Run ${r.id} ${r.status} in ${((r.durationMs ?? 0) / 1000).toFixed(1)} s on ${r.headEngine ?? r.backend?.name ?? '?'} (${r.backbone.id}, ${r.head.kind} head, best epoch ${r.bestEpoch}${r.stoppedEarly ? ', stopped early' : ''}).`,
      `  labels: ${r.labels.train} train, ${r.labels.val} val; train accuracy ${(r.metrics?.train.accuracy ?? 0).toFixed(3)}${val ? `, val accuracy ${val.accuracy.toFixed(3)}, val macro-F1 ${val.macroF1.toFixed(3)}` : ', no val labels'}`,
      `  scored ${r.scored} samples${r.unscored ? ` (${r.unscored} could not be read)` : ''}${r.warmStartFrom ? `; warm start from ${r.warmStartFrom}` : ''}${fineTune}`,
    ].join('\n');
  },
});
