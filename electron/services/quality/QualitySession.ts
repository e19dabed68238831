import { StudioError } from '../../../shared/contract/channel';
import type { QualityStatus } from '../../../shared/contract/quality';
import type { QualityProgress, QualityReport } from '../../../shared/ml/quality';
import type { RunRecord } from '../../../shared/ml/runs';
import { readQualityReport } from '../../worker/quality/qualityFiles';
import type { MlServices } from '../ml/index';
import { RunStore } from '../ml/RunStore';
import type { Project } from '../project/Project';
import type { EventHub } from '../rpc/EventHub';
import { Throttle } from '../loop/throttle';
import { QualityStore } from './QualityStore';
import { refreshMap, runQualityChecks } from './runChecks';

/** How long the checks wait after giving way to another ML job before trying again. */
const retryAfterMs = 3000;

export interface QualityDeps {
  ml: MlServices;
  events: EventHub;
  log(message: string, error?: unknown): void;
}

/**
 * The data checks of one open project. After each succeeded run it checks the labels,
 * duplicates and outliers, then brings the embedding map up to date, all in the ML worker
 * and in the background; it steps aside (cancels, and runs again later) when a training run
 * wants the worker, so the loop never waits for it.
 */
export class QualitySession {
  report: QualityReport | null = null;
  private status: QualityStatus = { state: 'idle', step: null, done: 0, total: 0, reportRunId: null, latestRunId: null, mapMethod: null, error: null };
  private controller: AbortController | null = null;
  private working: Promise<void> = Promise.resolve();
  private yielded = false;
  private userCancelled = false;
  private retry: ReturnType<typeof setTimeout> | null = null;
  private closed = false;
  private readonly progressThrottle = new Throttle(200, () => this.announce());

  private constructor(
    readonly project: Project,
    readonly store: QualityStore,
    private readonly deps: QualityDeps,
  ) {}

  static async open(project: Project, deps: QualityDeps): Promise<QualitySession> {
    const session = new QualitySession(project, await QualityStore.open(project), deps);
    const latest = (await RunStore.for(project)).latest('succeeded');
    session.status.latestRunId = latest?.id ?? null;
    for (const run of [...(await RunStore.for(project)).list()].reverse()) {
      if (run.status !== 'succeeded') continue;
      session.report = await readQualityReport(project.dir, run.id);
      if (session.report) break;
    }
    session.status.reportRunId = session.report?.runId ?? null;
    return session;
  }

  current(): QualityStatus {
    return { ...this.status };
  }

  get busy(): boolean {
    return this.controller !== null;
  }

  /** Checks the newest succeeded run unless it already has a report; `force` checks it again. */
  async checkLatest(force = false): Promise<boolean> {
    if (this.closed || this.busy || this.project.readOnly) return false;
    const latest = (await RunStore.for(this.project)).latest('succeeded');
    this.status.latestRunId = latest?.id ?? null;
    if (!latest || (!force && this.report?.runId === latest.id && !this.yielded)) return false;
    this.controller = new AbortController();
    this.yielded = false;
    this.userCancelled = false;
    this.working = this.work(latest, this.controller.signal, force || this.report?.runId !== latest.id).finally(() => {
      this.controller = null;
      this.progressThrottle.flush();
      this.announce();
    });
    return true;
  }

  /** A training run wants the worker: stop now, check again after it. */
  yieldToTraining(): void {
    if (!this.controller) return;
    this.yielded = true;
    this.controller.abort();
  }

  cancel(): boolean {
    if (!this.controller) return false;
    this.userCancelled = true;
    this.controller.abort();
    return true;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    this.controller?.abort();
    await this.working.catch(() => undefined);
    this.progressThrottle.cancel();
    await this.store.close();
  }

  /** Checks the run (unless `recheck` is false: its report stands, only the map was cut short), then the map. */
  private async work(run: RunRecord, signal: AbortSignal, recheck: boolean): Promise<void> {
    this.status = { ...this.status, state: 'running', step: 'embedding', done: 0, total: 0, error: null };
    this.announce();
    const onProgress = (p: QualityProgress) => {
      this.status = { ...this.status, step: p.step, done: p.done, total: p.total };
      this.progressThrottle.schedule();
    };
    try {
      if (recheck) {
        this.report = await runQualityChecks(this.project, this.deps.ml, run, this.store.settings, { signal, onProgress, background: true });
        this.status.reportRunId = run.id;
        this.deps.events.emit('quality:changed', { what: ['report'] });
      }
      const onPca = () => {
        this.status.mapMethod = 'pca';
        this.deps.events.emit('quality:changed', { what: ['map'] });
      };
      await refreshMap(this.project, this.deps.ml, run, { signal, onProgress, onPca, background: true });
      this.status = { ...this.status, state: 'idle', step: null, mapMethod: 'umap' };
      this.deps.events.emit('quality:changed', { what: ['map'] });
    } catch (error) {
      const cancelled = error instanceof StudioError && error.code === 'cancelled';
      const message = error instanceof Error ? error.message : String(error);
      this.status = { ...this.status, state: cancelled ? 'idle' : 'failed', step: null, error: cancelled ? null : message };
      if (!cancelled) this.deps.log(`the data checks failed: ${message}`);
      // Another ML job took the worker: try again once it has had its turn.
      if (cancelled && !this.userCancelled && !this.closed) {
        this.yielded = true;
        this.retry = setTimeout(() => {
          this.retry = null;
          void this.checkLatest();
        }, retryAfterMs);
      }
    }
  }

  private announce(): void {
    if (!this.closed) this.deps.events.emit('quality:progress', this.current());
  }
}
