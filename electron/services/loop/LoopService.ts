import type { MlServices } from '../ml/index';
import type { StudioHost } from '../host/StudioHost';
import type { Project } from '../project/Project';
import { LoopSession } from './LoopSession';

/**
 * The active-learning loop for whichever project the studio has open: one LoopSession per
 * open project, made on first use, closed (its run and query cancelled) when the project
 * closes. Label, sample and class changes reach the session through the studio's events.
 */
export class LoopService {
  private current: { project: Project; session: Promise<LoopSession> } | null = null;
  private readonly unsubscribe: () => void;
  private readonly disposeCloser: () => void;

  constructor(
    private readonly host: StudioHost,
    private readonly ml: MlServices,
    private readonly log: (message: string, error?: unknown) => void = defaultLog,
  ) {
    this.disposeCloser = host.onProjectClose(() => this.closeSession());
    this.unsubscribe = host.events.subscribe((channel, payload) => {
      if (channel !== 'project:changed') return;
      const { what } = payload as { what: string[] };
      // A label counts toward retraining even when no loop channel was asked yet (labels made from the gallery).
      const counts = what.some((w) => w === 'labels' || w === 'samples' || w === 'classes');
      if (!this.current && !(counts && host.project)) return;
      void this.session().then((s) => s.projectChanged(what), () => undefined);
    });
  }

  /** The loop of the open project (an error asking for one when none is open). */
  session(): Promise<LoopSession> {
    const project = this.host.requireProject();
    if (this.current?.project !== project) {
      const session = LoopSession.open(project, { ml: this.ml, events: this.host.events, log: this.log });
      this.current = { project, session };
      session.catch(() => {
        if (this.current?.session === session) this.current = null;
      });
    }
    return this.current.session;
  }

  dispose(): void {
    this.unsubscribe();
    this.disposeCloser();
  }

  private async closeSession(): Promise<void> {
    const current = this.current;
    this.current = null;
    if (current) await (await current.session.catch(() => null))?.close();
  }
}

function defaultLog(message: string, error?: unknown): void {
  console.error(`[studio] ${message}`, error ?? '');
}
