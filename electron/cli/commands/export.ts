import { resolve } from 'node:path';
import { defineCommand } from '../command';
import type { ExportReport } from '../../../shared/contract/export';
import { ExportService } from '../../services/export/ExportService';
import { createMlServices } from '../../services/ml/index';
import { stringOption, withProject } from '../projectArgs';
import pkg from '../../../package.json';

export const exportCommand = defineCommand<ExportReport>({
  name: 'export',
  usage: 'export DIR [--run ID] --out OUT',
  summary: 'Export a trained model: model.onnx, tfjs/, labels, preprocessing, model card and runnable examples in OUT (new or empty).',
  positionals: 1,
  options: { run: { type: 'string' }, out: { type: 'string' } },
  run: ({ positionals, values, progress, signal }) =>
    withProject(positionals[0], { readOnly: true, purpose: 'cli export' }, async (project) => {
      const ml = createMlServices();
      try {
        const service = new ExportService({ worker: ml.worker, catalog: ml.catalog, studioVersion: pkg.version });
        const out = stringOption(values, 'out');
        let last = '';
        return await service.export(project, {
          runId: stringOption(values, 'run'),
          outDir: out ? resolve(out) : undefined,
          signal,
          onProgress: (p) => {
            const line = p.total ? `${p.step} ${p.done}/${p.total}` : p.step;
            if (line !== last) progress(line);
            last = line;
          },
        });
      } finally {
        await ml.dispose();
      }
    }),
  format: (r) =>
    [
      `Exported run ${r.runId} to ${r.outDir} in ${(r.durationMs / 1000).toFixed(1)} s.`,
      `  model.onnx: ${r.formats.onnx.scope === 'pipeline' ? 'uint8 pixels → probabilities' : 'head only (embeddings in)'}, IR ${r.formats.onnx.irVersion}, opset ${r.formats.onnx.opset}, ${(r.formats.onnx.bytes / 1e6).toFixed(2)} MB`,
      `  tfjs/model.json: ${r.formats.tfjs.scope === 'pipeline' ? 'pixels → probabilities' : 'head only (embeddings in)'}`,
      r.verification.images
        ? `  checked on ${r.verification.images} project images: max difference from the studio ${r.verification.onnxMaxDifference?.toExponential(1)} (ONNX), ${r.verification.tfjsMaxDifference?.toExponential(1)} (TF.js)`
        : '  not checked: no project image could be read',
      ...r.limits.map((l) => `  limit: ${l}`),
      `  Try it: cd ${r.outDir} && npm install onnxruntime-node sharp && node examples/predict.mjs IMAGE`,
    ].join('\n'),
});
