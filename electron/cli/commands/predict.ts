import { resolve } from 'node:path';
import { defineCommand, UsageError } from '../command';
import { StudioError } from '../../../shared/contract/channel';
import { walkSources } from '../../services/ingest/walk';
import type { Prediction } from '../../worker/export/exportedModel';
import { stringOption } from '../projectArgs';

export const predictCommand = defineCommand<Prediction[]>({
  name: 'predict',
  usage: 'predict OUT IMAGE|DIR... [--format onnx|tfjs]',
  summary: 'Class probabilities from an exported model folder alone (no project): [{path, label, probability, probabilities}].',
  positionals: 2,
  options: { format: { type: 'string' } },
  async run({ positionals, values, progress, signal }) {
    const [dir, ...sources] = positionals;
    const format = stringOption(values, 'format') ?? 'onnx';
    if (format !== 'onnx' && format !== 'tfjs') throw new UsageError('--format must be "onnx" or "tfjs".');
    const { files, rejected } = await walkSources(
      sources.map((s) => resolve(s)),
      { signal },
    ).catch((error: unknown) => {
      // The walk speaks of importing; here nothing is imported.
      if (error instanceof StudioError && error.code === 'not-found') throw new StudioError('not-found', error.message.replace('Nothing to import', 'Nothing to predict'), error.hint);
      throw error;
    });
    if (files.length === 0) throw new StudioError('not-found', `No image files in ${sources.join(', ')}.`, rejected[0] ? `${rejected[0].path}: ${rejected[0].detail}` : 'Name image files or folders that hold them.');
    // Loaded here, not at the top: the model code brings TF.js, seconds of start-up every other command skips.
    const { ExportedModel } = await import('../../worker/export/exportedModel');
    const model = await ExportedModel.open(resolve(dir), format);
    try {
      return await model.predict(
        files.map((f) => f.path),
        (done, total) => done === total && progress(`predicted ${total} image${total === 1 ? '' : 's'}`),
      );
    } finally {
      await model.dispose();
    }
  },
  format: (rows) => rows.map((r) => `${r.path}  ${r.label ?? `(not predicted: ${r.error})`}${r.probability !== null ? `  ${r.probability.toFixed(3)}` : ''}`).join('\n'),
});
