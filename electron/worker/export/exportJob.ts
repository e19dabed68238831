import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { StudioError } from '../../../shared/contract/channel';
import type { ExportedFormat, ExportModelReport } from '../../../shared/ml/exportJob';
import type { ValidJobOf } from '../../../shared/ml/messages';
import type { JobContext } from '../jobs/context';
import { composePipeline } from '../onnx/composeModel';
import { readSavedHead } from '../runs/runFiles';
import { exportableBackbone, sha256Of } from './backboneGraphs';
import { writeTfjsModel } from './tfjsExport';
import { verifyExport } from './verifyExport';

export const exportedFiles = { onnx: 'model.onnx', tfjs: 'tfjs/model.json' } as const;

/**
 * The worker's half of a model export: `model.onnx` (one graph, uint8 pixels to
 * probabilities) and `tfjs/` (the same as a TF.js layers model, or the head alone where
 * TF.js cannot carry the backbone), then a check of both against the studio's own pipeline
 * on a few of the project's images. Checked for cancel between steps.
 */
export async function runExportJob(job: ValidJobOf<'export-model'>, context: JobContext): Promise<ExportModelReport> {
  const { signal } = context;
  const step = (name: 'onnx' | 'tfjs' | 'verifying', done: number, total: number) => {
    if (signal.aborted) throw new StudioError('cancelled', 'The export was cancelled.', 'Nothing was written to the export folder.');
    context.progress({ phase: 'exporting', step: name, done, total });
  };
  const saved = await readSavedHead(job.projectDir, job.runId);
  if (!saved) throw new StudioError('not-found', `Run ${job.runId} has no saved head (it did not finish, or an older studio trained it).`, 'Train again, then export the new run.');
  const { card } = job.backbone;
  const backbone = await exportableBackbone(job.backbone, job.runId);

  step('onnx', 0, 1);
  const composed = composePipeline({
    card,
    backbone: backbone.onnx,
    head: saved,
    classNames: job.classNames,
    metadata: job.metadata,
    docString: `Active Learning Studio export of run ${job.runId}: ${backbone.onnxHeadOnlyReason ? 'embedding' : 'uint8 RGB image'} in, class probabilities out. See model-card.md.`,
  });
  await mkdir(job.outDir, { recursive: true });
  await writeFile(join(job.outDir, exportedFiles.onnx), composed.bytes);
  const onnx = {
    path: exportedFiles.onnx,
    scope: backbone.onnxHeadOnlyReason ? 'head-only' : 'pipeline',
    inputShape: composed.inputShape,
    inputType: backbone.onnxHeadOnlyReason ? 'float32' : 'uint8',
    headOnlyReason: backbone.onnxHeadOnlyReason,
    bytes: composed.bytes.byteLength,
    sha256: sha256Of(composed.bytes),
    irVersion: composed.irVersion,
    opset: composed.opset,
    droppedNodes: composed.droppedNodes,
  } as const;

  step('tfjs', 0, 1);
  const tfjsResult = await writeTfjsModel(card, saved, backbone.tfjs, join(job.outDir, 'tfjs'));
  const tfjsJson = await readFile(join(job.outDir, exportedFiles.tfjs));
  const tfjs: ExportedFormat = {
    path: exportedFiles.tfjs,
    scope: tfjsResult.scope,
    inputShape: tfjsResult.inputShape,
    inputType: 'float32',
    headOnlyReason: tfjsResult.headOnlyReason,
    bytes: tfjsJson.byteLength + (await stat(join(job.outDir, 'tfjs', 'weights.bin'))).size,
    sha256: sha256Of(tfjsJson),
  };

  step('verifying', 0, job.verifyPaths.length);
  const verification = await verifyExport(job.backbone, saved, job.outDir, { onnx, tfjs }, job.verifyPaths, (done, total) => step('verifying', done, total));
  const worst = Math.max(verification.onnxMaxDifference ?? 0, verification.tfjsMaxDifference ?? 0);
  if (worst > 1e-4) {
    throw new StudioError('internal', `The exported model disagrees with the studio by up to ${worst.toExponential(2)} in a class probability on the project's images, so it was not written.`, 'This is a bug in the export; please report it with the backbone card.');
  }
  return { onnx, tfjs, backboneSha256: backbone.sha256, verification };
}
