import { defineCommand } from '../command';
import type { EmbedReport } from '../../../shared/ml/messages';
import { DEFAULT_PIXELS_ID } from '../../../shared/ml/pixels';
import { createMlServices } from '../../services/ml/index';
import { positiveInt, stringOption, withProject } from '../projectArgs';
import { downloadProgressPrinter } from './models';

export const embedCommand = defineCommand<EmbedReport>({
  name: 'embed',
  usage: 'embed DIR [--backbone ID] [--batch N]',
  summary: 'Compute and cache embeddings for every image not embedded yet (the default backbone is pixels).',
  positionals: 1,
  options: { backbone: { type: 'string' }, batch: { type: 'string' } },
  run: ({ positionals, values, progress, signal }) =>
    withProject(positionals[0], { readOnly: false, purpose: 'cli embed' }, async (project) => {
      const ml = createMlServices();
      try {
        const backbone = await ml.catalog.resolve(stringOption(values, 'backbone') ?? DEFAULT_PIXELS_ID, { signal, onProgress: downloadProgressPrinter(progress) });
        let last = -1;
        return await ml.worker.run(
          { kind: 'embed', projectDir: project.dir, backbone, batchSize: positiveInt(stringOption(values, 'batch'), 'batch', 32) },
          {
            signal,
            onProgress: (p) => {
              if (p.phase !== 'embedding') return;
              const percent = p.total ? Math.floor((100 * p.done) / p.total) : 100;
              if (percent !== last && (percent % 10 === 0 || p.done === p.total)) progress(`embedding ${p.done}/${p.total}`);
              last = percent;
            },
          },
        );
      } finally {
        await ml.dispose();
      }
    }),
  format: (r) => {
    const lines = [`${r.backboneId}: ${r.computed} embedded, ${r.cached} already cached, ${r.failed} could not be read (${(r.durationMs / 1000).toFixed(1)} s)${r.cancelled ? ', cancelled' : ''}.`];
    for (const f of r.failures.slice(0, 10)) lines.push(`  ${f.sampleId}: ${f.reason}`);
    return lines.join('\n');
  },
});
