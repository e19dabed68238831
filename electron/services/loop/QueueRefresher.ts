import { StudioError } from '../../../shared/contract/channel';
import type { RunRecord } from '../../../shared/ml/runs';
import type { MlServices } from '../ml/index';
import type { Project } from '../project/Project';
import type { LoopStore } from './LoopStore';
import type { QueueBatch, QueuePick } from './loopDocument';
import { strategyFor } from './strategyCatalog';
import { queryJobFor } from './queryJob';

export interface RefreshOutcome {
  /** The new batch, saved; null when the query was cancelled or failed. */
  batch: QueueBatch | null;
  /** Set when the query failed (not when it was cancelled). */
  error: string | null;
}

/**
 * Chooses the queue's next batch in the ML worker: the loop's strategy over the unlabeled
 * train pool, with the latest model (or the cold-start strategy before there is one). One
 * query at a time per project: a new request cancels the one in flight, whose answer
 * would be stale. The batch is saved in loop.json before the caller hears of it.
 */
export class QueueRefresher {
  private inflight: { controller: AbortController; done: Promise<RefreshOutcome> } | null = null;
  private count = 0;
  lastError: string | null = null;

  constructor(
    private readonly project: Project,
    private readonly store: LoopStore,
    private readonly ml: MlServices,
    private readonly latestModel: () => Promise<RunRecord | null>,
  ) {}

  get busy(): boolean {
    return this.inflight !== null;
  }

  /** Queries a new batch; `skip` are samples the client already holds. */
  refresh(skip: readonly string[] = []): Promise<RefreshOutcome> {
    this.inflight?.controller.abort();
    const controller = new AbortController();
    const done = this.query(skip, controller.signal).finally(() => {
      if (this.inflight?.controller === controller) this.inflight = null;
    });
    this.inflight = { controller, done };
    return done;
  }

  /** Cancels the query in flight and waits for it to stop. */
  async cancel(): Promise<void> {
    const inflight = this.inflight;
    inflight?.controller.abort();
    await inflight?.done;
  }

  private async query(skip: readonly string[], signal: AbortSignal): Promise<RefreshOutcome> {
    try {
      const settings = this.store.settings;
      const model = await this.latestModel();
      const strategy = strategyFor(settings.strategy, model !== null);
      const seed = this.project.doc.seed + 7919 * this.store.rounds.length + this.count++;
      const job = await queryJobFor(this.project, this.ml.catalog, { strategy, n: settings.batchSize, model, backboneId: settings.backboneId, seed, skip: new Set(skip), signal });
      if (!job.candidateIds.length) return await this.save({ runId: model?.id ?? null, strategy, items: [], refreshedAt: new Date().toISOString() });
      const report = await this.ml.worker.run(job, { signal });
      if (signal.aborted) return { batch: null, error: null };
      return await this.save({ runId: model?.id ?? null, strategy: report.strategy, items: report.picks, refreshedAt: new Date().toISOString() });
    } catch (error) {
      if (signal.aborted || (error instanceof StudioError && error.code === 'cancelled')) return { batch: null, error: null };
      this.lastError = error instanceof Error ? error.message : String(error);
      return { batch: null, error: this.lastError };
    }
  }

  private async save(batch: QueueBatch): Promise<RefreshOutcome> {
    batch = { ...batch, items: keepPinned(this.project, this.store.batch, batch.items) };
    await this.store.setBatch(batch);
    this.lastError = null;
    return { batch, error: null };
  }
}

/** Images a person put in front of the queue stay there, ahead of the strategy's picks, until decided on. */
function keepPinned(project: Project, previous: QueueBatch | null, picks: QueuePick[]): QueuePick[] {
  const book = project.labels.book;
  const pinned = (previous?.items ?? []).filter((p) => {
    const state = book.stateOf(p.sampleId);
    return p.pinned && project.samples.get(p.sampleId) && state.classId === null && !state.skipped && !state.flag;
  });
  const ids = new Set(pinned.map((p) => p.sampleId));
  return [...pinned, ...picks.filter((p) => !ids.has(p.sampleId))];
}
