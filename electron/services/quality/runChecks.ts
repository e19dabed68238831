import { StudioError } from '../../../shared/contract/channel';
import type { JobProgress } from '../../../shared/ml/messages';
import type { QualityProgress, QualityReport, QualitySettings } from '../../../shared/ml/quality';
import type { RunRecord } from '../../../shared/ml/runs';
import { readEmbeddingMap, readQualityReport } from '../../worker/quality/qualityFiles';
import type { MlServices } from '../ml/index';
import type { Project } from '../project/Project';

export interface CheckOptions {
  signal?: AbortSignal;
  /** Give way to any other ML job (the app); the CLI runs the checks in the foreground. */
  background?: boolean;
  onProgress?(progress: QualityProgress): void;
}

/**
 * The data checks of one succeeded run, in the ML worker: every sample labeled now (any
 * split) whose class the run knows goes into the out-of-fold pass with the run's head
 * settings (trained for the run's best epoch count when it stopped early, as the run's head
 * was). Resolves with the report the worker wrote.
 */
export async function runQualityChecks(project: Project, ml: MlServices, run: RunRecord, settings: QualitySettings, options: CheckOptions = {}): Promise<QualityReport> {
  if (run.status !== 'succeeded') throw new StudioError('invalid-request', `Run ${run.id} did not succeed; only a finished model can check the labels.`);
  const column = new Map(run.classIds.map((id, i) => [id, i]));
  const labels: [string, number][] = [];
  for (const sample of project.samples.all) {
    const classId = project.labels.stateOf(sample.id).classId;
    const c = classId === null ? undefined : column.get(classId);
    if (c !== undefined) labels.push([sample.id, c]);
  }
  if (labels.length < settings.folds * 2) {
    throw new StudioError('invalid-request', `The label check needs at least ${settings.folds * 2} labeled images; there are ${labels.length}.`, 'Label more images and train again.');
  }
  const backbone = await resolveBackbone(ml, run);
  const epochs = run.stoppedEarly && run.bestEpoch ? run.bestEpoch : run.head.epochs;
  await ml.worker.run(
    { kind: 'quality', projectDir: project.dir, runId: run.id, backbone, head: { ...run.head, epochs }, classIds: run.classIds, labels, settings },
    { signal: options.signal, onProgress: forward(options), background: options.background },
  );
  const report = await readQualityReport(project.dir, run.id);
  if (!report) throw new StudioError('io', `The label check of run ${run.id} wrote no readable report.`, 'Run the check again.');
  return report;
}

/**
 * The embedding map of the run's backbone, recomputed only when it is missing, still the
 * PCA preview, or older than the newest sample. `onPca` fires when the PCA map is on disk.
 */
export async function refreshMap(project: Project, ml: MlServices, run: RunRecord, options: CheckOptions & { onPca?(): void } = {}): Promise<boolean> {
  const existing = await readEmbeddingMap(project.dir, run.backbone.id);
  const newest = project.samples.all.reduce((latest, s) => (s.addedAt > latest ? s.addedAt : latest), '');
  if (existing && existing.method === 'umap' && existing.createdAt >= newest) return false;
  const backbone = await resolveBackbone(ml, run);
  const onProgress = forward(options);
  await ml.worker.run(
    { kind: 'map', projectDir: project.dir, backbone },
    {
      signal: options.signal,
      background: options.background,
      onProgress: (p) => {
        onProgress(p);
        if (p.phase === 'quality' && p.step === 'pca') options.onPca?.();
      },
    },
  );
  return true;
}

async function resolveBackbone(ml: MlServices, run: RunRecord) {
  try {
    return await ml.catalog.resolve(run.backbone.id);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new StudioError('unsupported', `The data checks need the run's backbone "${run.backbone.id}", which is not available: ${reason}`, 'Train a run on a catalog or local backbone (fine-tuned copies are not checked yet).');
  }
}

function forward(options: CheckOptions): (progress: JobProgress) => void {
  return (progress) => {
    if (progress.phase === 'quality') options.onProgress?.(progress);
  };
}
