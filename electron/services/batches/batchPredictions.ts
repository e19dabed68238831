import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BatchRecord } from '../../../shared/contract/batches';
import type { RunRecord } from '../../../shared/ml/runs';
import { runBackbone } from '../export/runBackbone';
import type { MlWorker } from '../ml/MlWorker';
import type { ModelCatalog } from '../ml/models/ModelCatalog';
import { readProbabilityFolder, type RunProbabilities } from '../ml/probabilityFiles';
import type { Project } from '../project/Project';
import type { BatchStore } from './BatchStore';

export interface BatchPredictions {
  probabilities: RunProbabilities;
  /** Batch images that could not be decoded, so have no row. */
  unreadable: number;
}

export type PredictProgress = (p: { runId: string; phase: 'embedding' | 'scoring'; done: number; total: number }) => void;

/** What the last prediction of a batch by a run covered: a grown batch is predicted again. */
const attemptFile = 'attempt.json';

/**
 * A run's predictions for every image of a batch, computed in the ML worker the first time
 * (and again when the batch has grown since), then read from the batch's folder.
 */
export async function batchPredictions(
  deps: { worker: MlWorker; catalog: ModelCatalog },
  project: Project,
  store: BatchStore,
  batch: BatchRecord,
  run: RunRecord,
  onProgress?: PredictProgress,
): Promise<BatchPredictions> {
  const dir = store.predictionsDir(batch.id, run.id);
  const images = store.samples(batch.id);
  const attempt = await readAttempt(dir);
  if (attempt?.images === images.length) {
    const probabilities = await readProbabilityFolder(dir, run.id).catch(() => null);
    if (probabilities) return { probabilities, unreadable: attempt.unreadable };
  }
  const { spec } = await runBackbone(deps.catalog, project.dir, run);
  const report = await deps.worker.run(
    { kind: 'score-batch', projectDir: project.dir, runId: run.id, classIds: run.classIds, backbone: spec, images: images.map(({ id, path, hash }) => ({ id, path, hash })), outDir: dir },
    { onProgress: (p) => (p.phase === 'embedding' || p.phase === 'scoring') && onProgress?.({ runId: run.id, phase: p.phase, done: p.done, total: p.total }) },
  );
  const unreadable = images.length - report.scored;
  await writeFile(join(dir, attemptFile), JSON.stringify({ images: images.length, unreadable }));
  return { probabilities: await readProbabilityFolder(dir, run.id), unreadable };
}

async function readAttempt(dir: string): Promise<{ images: number; unreadable: number } | null> {
  try {
    const json = JSON.parse(await readFile(join(dir, attemptFile), 'utf8'));
    return Number.isInteger(json.images) && Number.isInteger(json.unreadable) ? json : null;
  } catch {
    return null;
  }
}
