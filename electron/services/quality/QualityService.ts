import type { StudioHost } from '../host/StudioHost';
import type { LoopService } from '../loop/LoopService';
import type { MlServices } from '../ml/index';
import type { Project } from '../project/Project';
import type { DataCheck } from '../../../shared/contract/sampleConditions';
import { currentGroupViews, sampleNow } from './overview';
import { QualitySession } from './QualitySession';
import { openSuspects } from './reviewQueue';

/**
 * The data checks for whichever project the studio has open: one QualitySession per open
 * project, made on first use and closed with the project. It listens to the studio's
 * events: a finished run ("runs" changed, after the loop has picked its next batch) starts
 * the checks; a training run starting makes them step aside until it ends.
 */
export class QualityService {
  private current: { project: Project; session: Promise<QualitySession> } | null = null;
  /** The map's latest lasso selection, for the gallery's "map selection" filter. */
  selection: ReadonlySet<string> = new Set();
  private readonly unsubscribe: () => void;
  private readonly disposeCloser: () => void;

  constructor(
    private readonly host: StudioHost,
    private readonly ml: MlServices,
    readonly loop: LoopService,
    private readonly log: (message: string, error?: unknown) => void = (m, e) => console.error(`[studio] ${m}`, e ?? ''),
  ) {
    this.disposeCloser = host.onProjectClose(() => this.closeSession());
    this.unsubscribe = host.events.subscribe((channel, payload) => {
      if (channel === 'loop:status-changed' && (payload as { training: unknown }).training) {
        void this.current?.session.then((s) => s.yieldToTraining(), () => undefined);
      }
      if (channel === 'project:changed' && (payload as { what: string[] }).what.includes('runs') && host.project) {
        void this.afterRun().catch((e) => this.log('the data checks could not start', e));
      }
    });
  }

  /**
   * A run ended and the loop has its next batch. When enough labels already wait for the
   * next run, the loop retrains at once: the checks would only be cancelled, so they wait
   * for that run instead of taking the worker (and the CPU) from it.
   */
  private async afterRun(): Promise<void> {
    const loop = await (await this.loop.session()).status();
    if (loop.training || (loop.autoRetrain && loop.labelsSinceRun >= loop.retrainEvery)) return;
    await (await this.session()).checkLatest();
  }

  session(): Promise<QualitySession> {
    const project = this.host.requireProject();
    if (this.current?.project !== project) {
      this.selection = new Set();
      const session = QualitySession.open(project, { ml: this.ml, events: this.host.events, log: this.log });
      this.current = { project, session };
      session.then((s) => s.checkLatest(), () => undefined);
      session.catch(() => {
        if (this.current?.session === session) this.current = null;
      });
    }
    return this.current.session;
  }

  /** The gallery's data-check conditions: each list in its own order (worst or biggest first). */
  async idsFor(kind: DataCheck): Promise<readonly string[]> {
    if (kind === 'map-selection') return [...this.selection];
    const session = await this.session();
    const { report, project, store } = session;
    if (kind === 'duplicate') return currentGroupViews(session).flatMap((g) => g.members.map((m) => m.id));
    if (!report) return [];
    if (kind === 'outlier') return report.outliers.map((o) => o.sampleId);
    return openSuspects({ report, sampleNow: sampleNow(project), reviewOf: (id) => store.reviewOf(id) }).items.map((i) => i.sampleId);
  }

  dispose(): void {
    this.unsubscribe();
    this.disposeCloser();
  }

  private async closeSession(): Promise<void> {
    const current = this.current;
    this.current = null;
    this.selection = new Set();
    if (current) await (await current.session.catch(() => null))?.close();
  }
}
