import { randomBytes } from 'node:crypto';
import { StudioError } from '../../../shared/contract/channel';
import { DEFAULT_PIXELS_ID, isPixelsId } from '../../../shared/ml/pixels';
import type { HeadOverrides, RunProgress, RunRecord } from '../../../shared/ml/runs';
import { defaultHeadConfig } from '../../worker/heads/config';
import type { Project } from '../project/Project';
import { takeLabelSnapshot } from './labelSnapshot';
import type { MlWorker } from './MlWorker';
import type { ModelCatalog } from './models/ModelCatalog';
import { RunStore } from './RunStore';

export interface StartRunOptions {
  /** Defaults to `pixels`. */
  backboneId?: string;
  head?: HeadOverrides;
  /** Ask for full fine-tuning (granted only on a native TF backend; the run says why not). */
  fineTune?: boolean;
  /** Start from the last compatible head (default true). */
  warmStart?: boolean;
  batchSize?: number;
  onProgress?(progress: RunProgress): void;
}

/** A run in progress: its id at once, its final record when it ends, and a way to stop it. */
export interface RunHandle {
  runId: string;
  done: Promise<RunRecord>;
  cancel(): void;
}

/**
 * Training runs for open projects. A run snapshots the labels (train split trains, val
 * split stops early), gets the backbone (downloading it on first use), and hands the work
 * to the ML worker; progress streams back per epoch. Whatever happens (success, cancel,
 * worker crash) ends as a durable run record; the project's labels are never touched.
 */
export class RunService {
  private readonly active = new Map<string, RunHandle>();

  constructor(
    private readonly deps: { worker: MlWorker; catalog: ModelCatalog },
  ) {}

  /** Records the run as `running`, then trains in the background. */
  async start(project: Project, options: StartRunOptions = {}): Promise<RunHandle> {
    if (project.readOnly) throw new StudioError('conflict', 'The project is open read-only; it cannot be trained.');
    if (this.active.has(project.dir)) throw new StudioError('conflict', 'A training run is already going for this project.', 'Wait for it to finish or cancel it.');
    const training = takeLabelSnapshot(project);
    if (training.snapshot.train === 0) {
      throw new StudioError('invalid-request', 'There are no labeled images in the train split yet.', 'Label some images first; the model trains on them.');
    }
    const store = await RunStore.for(project);
    const capabilities = await this.deps.worker.run({ kind: 'capabilities' });
    const backboneId = options.backboneId ?? DEFAULT_PIXELS_ID;
    const head = { ...defaultHeadConfig(options.head?.kind ?? 'linear', isPixelsId(backboneId) ? 'pixels' : 'embedding'), ...options.head };
    const previous = options.warmStart === false ? null : warmStartCandidate(store.list(), backboneId, training.classIds, head.kind);
    const runId = newRunId();
    const record: RunRecord = {
      id: runId,
      createdAt: new Date().toISOString(),
      finishedAt: null,
      status: 'running',
      backbone: { id: backboneId, name: backboneId, engine: 'unknown', embeddingSize: 0 },
      head,
      classIds: training.classIds,
      labels: training.snapshot,
      backend: capabilities.backend,
      executionProviders: null,
      fineTune: { requested: Boolean(options.fineTune), ...capabilities.fineTune },
      fineTuning: null,
      warmStartFrom: null,
      durationMs: null,
      history: [],
      bestEpoch: null,
      stoppedEarly: false,
      metrics: null,
      scored: 0,
      unscored: 0,
      error: null,
    };
    await store.add(record);

    const controller = new AbortController();
    const started = performance.now();
    const emit = (progress: RunProgress) => options.onProgress?.(progress);
    const work = async (): Promise<RunRecord> => {
      try {
        const spec = await this.deps.catalog.resolve(backboneId, {
          signal: controller.signal,
          onProgress: (p) => emit({ phase: 'downloading', runId, backboneId, receivedBytes: p.receivedBytes, totalBytes: p.totalBytes }),
        });
        const { card } = spec;
        await store.update(runId, { backbone: { id: card.id, name: card.name, engine: card.engine, embeddingSize: card.embeddingSize } });
        const report = await this.deps.worker.run(
          {
            kind: 'train',
            projectDir: project.dir,
            runId,
            backbone: spec,
            head,
            classIds: training.classIds,
            labels: training.labels,
            warmStartRunId: previous,
            fineTune: Boolean(options.fineTune),
            batchSize: options.batchSize,
          },
          { signal: controller.signal, onProgress: (p) => p.phase !== 'quality' && p.phase !== 'exporting' && emit({ ...p, runId }) },
        );
        // A fine-tuned backbone is listed like a local model, so later queries and runs can use it.
        if (report.tunedBackbone) await this.deps.catalog.registerFineTuned(report.tunedBackbone, `fine-tuning run ${runId} of "${project.doc.name}"`);
        return await store.update(runId, {
          status: 'succeeded',
          finishedAt: new Date().toISOString(),
          backbone: report.backbone,
          head: report.head,
          backend: report.backend,
          headEngine: report.headEngine,
          executionProviders: report.executionProviders,
          fineTune: { requested: Boolean(options.fineTune), ...report.fineTune },
          fineTuning: report.fineTuning,
          warmStartFrom: report.warmStarted ? previous : null,
          durationMs: Math.round(performance.now() - started),
          history: report.history,
          bestEpoch: report.bestEpoch,
          stoppedEarly: report.stoppedEarly,
          metrics: report.metrics,
          scored: report.scored,
          unscored: report.unscored,
        });
      } catch (error) {
        const failure = error instanceof StudioError ? error : new StudioError('internal', String((error as Error)?.message ?? error));
        return store.update(runId, {
          status: failure.code === 'cancelled' ? 'cancelled' : 'failed',
          finishedAt: new Date().toISOString(),
          durationMs: Math.round(performance.now() - started),
          error: failure.toPayload(),
        });
      } finally {
        this.active.delete(project.dir);
      }
    };
    const handle = { runId, cancel: () => controller.abort() } as RunHandle;
    this.active.set(project.dir, handle);
    handle.done = work();
    return handle;
  }

  /** The active run of a project, if any (to cancel it or show its progress). */
  activeRun(project: Project): RunHandle | null {
    return this.active.get(project.dir) ?? null;
  }

  /** Every run of the project, oldest first. */
  async runs(project: Project): Promise<RunRecord[]> {
    return (await RunStore.for(project)).list();
  }

  async latestSucceeded(project: Project): Promise<RunRecord | null> {
    return (await RunStore.for(project)).latest('succeeded');
  }
}

/** The newest succeeded run with the same backbone, classes and head kind. */
function warmStartCandidate(runs: RunRecord[], backboneId: string, classIds: string[], kind: string): string | null {
  for (let i = runs.length - 1; i >= 0; i--) {
    const run = runs[i];
    if (run.status !== 'succeeded' || run.backbone.id !== backboneId || run.head.kind !== kind) continue;
    if (run.classIds.length === classIds.length && run.classIds.every((id, k) => id === classIds[k])) return run.id;
  }
  return null;
}

function newRunId(): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `run-${stamp}-${randomBytes(3).toString('hex')}`;
}
