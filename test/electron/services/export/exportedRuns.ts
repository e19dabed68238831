import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { BackboneCard } from '../../../../shared/ml/cards';
import type { RunRecord } from '../../../../shared/ml/runs';
import { ExportService } from '../../../../electron/services/export/ExportService';
import { MlWorker } from '../../../../electron/services/ml/MlWorker';
import { ModelCatalog } from '../../../../electron/services/ml/models/ModelCatalog';
import { RunService } from '../../../../electron/services/ml/RunService';
import { mlProject, type MlProject } from '../ml/mlFixtures';
import { tempDir } from '../../../helpers/tempProject';
import { tinyConvOnnx, tinyOnnxCard, writeTinyTfjsModel } from '../../../helpers/tinyModels';

// Trained runs to export, on real images, for each kind of backbone: built-in pixels, a
// local ONNX classifier tapped at its classifier input, a local TF.js layers model.

export type BackboneKindName = 'pixels' | 'onnx' | 'tfjs';

/** One ML worker for the whole test file (a process per test would dominate the time). */
export function sharedWorker(): { readonly worker: MlWorker } {
  const holder = {} as { worker: MlWorker };
  beforeAll(() => {
    holder.worker = new MlWorker({ onLog: () => undefined });
  });
  afterAll(() => holder.worker.dispose());
  return holder;
}

export interface TrainedRun extends MlProject {
  run: RunRecord;
  catalog: ModelCatalog;
  exports: ExportService;
  /** The local model file the backbone was added from (onnx, tfjs). */
  localModel: string | null;
}

/** A project with labeled images, one succeeded run on `kind`, and an export service. */
export async function trainedRun(worker: MlWorker, kind: BackboneKindName, head: 'linear' | 'mlp' = 'linear'): Promise<TrainedRun> {
  const project = await mlProject({ perClass: 10, size: 20 });
  const catalog = new ModelCatalog({ cacheDir: await tempDir('studio-cache-'), validate: (backbone) => worker.run({ kind: 'validate-backbone', backbone }) });
  let backboneId = 'pixels-8x8-rgb';
  let localModel: string | null = null;
  if (kind !== 'pixels') {
    const dir = await tempDir('studio-model-');
    let card: BackboneCard;
    if (kind === 'onnx') {
      localModel = join(dir, 'tiny.onnx');
      await writeFile(localModel, tinyConvOnnx({ classifier: 5, size: 16 }));
      card = tinyOnnxCard('tiny-onnx', { classifier: 5, size: 16 });
    } else {
      const written = await writeTinyTfjsModel(dir);
      localModel = written.modelPath;
      card = { ...written.card, preprocess: { ...written.card.preprocess, mean: [0.5, 0.4, 0.3], std: [0.2, 0.25, 0.3] } };
    }
    await catalog.addLocal(localModel, card);
    backboneId = card.id;
  }
  const runs = new RunService({ worker, catalog });
  const run = await (await runs.start(project.project, { backboneId, head: { kind: head, epochs: 10, hiddenUnits: 6 } })).done;
  if (run.status !== 'succeeded') throw new Error(`training failed: ${run.error?.message}`);
  return { ...project, run, catalog, exports: new ExportService({ worker, catalog, studioVersion: '0.0.0-test' }), localModel };
}
