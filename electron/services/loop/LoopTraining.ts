import { StudioError } from '../../../shared/contract/channel';
import type { RunProgress, RunRecord, RunRequest } from '../../../shared/ml/runs';
import type { MlServices, RunHandle } from '../ml/index';
import type { RunProbabilities } from '../ml/probabilityFiles';
import type { Project } from '../project/Project';
import type { EventHub } from '../rpc/EventHub';
import { recordRound } from './recordRound';
import type { StoredRound } from './loopDocument';
import type { LoopStore } from './LoopStore';
import { Throttle } from './throttle';

export interface ActiveRun {
  handle: RunHandle;
  progress: RunProgress | null;
}

export interface RunEnd {
  run: RunRecord;
  round: StoredRound | null;
  probabilities: RunProbabilities | null;
}

/**
 * The loop's training runs for one project: starts a run with the loop's settings filling
 * what the request leaves out, streams its progress to the UI (every epoch; embedding and
 * scoring counts a few times a second), and when it ends records the round (or updates the
 * latest one, when the run learned from no new labels).
 */
export class LoopTraining {
  active: ActiveRun | null = null;
  /** Set from the request until the run has its id: a second start must not slip in between. */
  private starting = false;
  /** The end of the latest run: its round recorded and the loop told. */
  private ending: Promise<void> = Promise.resolve();
  private pendingProgress: RunProgress | null = null;
  private readonly progressThrottle = new Throttle(200, () => this.sendProgress());

  constructor(
    private readonly project: Project,
    private readonly store: LoopStore,
    private readonly ml: MlServices,
    private readonly events: EventHub,
    private readonly hooks: { changed(): void; ended(end: RunEnd): Promise<void>; log(message: string, error: unknown): void },
  ) {}

  async start(request: RunRequest = {}): Promise<string> {
    if (this.active || this.starting) throw new StudioError('conflict', 'A training run is already going for this project.', 'Wait for it to finish or cancel it.');
    const settings = this.store.settings;
    this.starting = true;
    const labelSeq = this.project.labels.book.lastSeq;
    let handle: RunHandle;
    try {
      handle = await this.ml.runs.start(this.project, {
        backboneId: request.backboneId ?? settings.backboneId,
        head: { kind: settings.head, ...request.head },
        fineTune: request.fineTune,
        warmStart: request.warmStart,
        onProgress: (progress) => this.onProgress(progress),
      });
    } finally {
      this.starting = false;
    }
    this.active = { handle, progress: null };
    const remembered = this.store.setRunStart({ runId: handle.runId, labelSeq });
    this.ending = handle.done
      .then(async (run) => {
        this.progressThrottle.flush();
        this.active = null;
        this.events.emit('training:finished', { run });
        await this.hooks.ended(await this.record(run, labelSeq));
      })
      .catch((error: unknown) => this.hooks.log('recording the end of a run failed', error));
    this.hooks.changed();
    await remembered;
    return handle.runId;
  }

  get busy(): boolean {
    return this.active !== null || this.starting;
  }

  cancel(runId: string): boolean {
    if (this.active?.handle.runId !== runId) return false;
    this.active.handle.cancel();
    return true;
  }

  /** Cancels the run in flight and waits until its record, and whatever follows its end, is written. */
  async stop(): Promise<void> {
    this.active?.handle.cancel();
    await this.ending;
    this.progressThrottle.cancel();
  }

  private onProgress(progress: RunProgress): void {
    if (this.active) this.active.progress = progress;
    // Epochs draw the training curve: every one goes out. Counts are throttled, but the last one of a phase is kept.
    const counted = progress.phase === 'embedding' || progress.phase === 'scoring' || progress.phase === 'downloading';
    if (!counted || ('done' in progress && progress.done === progress.total)) {
      this.progressThrottle.flush();
      this.events.emit('training:progress', progress);
    } else {
      this.pendingProgress = progress;
      this.progressThrottle.schedule();
    }
    this.hooks.changed();
  }

  private sendProgress(): void {
    const progress = this.pendingProgress;
    this.pendingProgress = null;
    if (progress) this.events.emit('training:progress', progress);
  }

  /** A succeeded run becomes a round; other endings record nothing. */
  private async record(run: RunRecord, labelSeq: number): Promise<RunEnd> {
    if (run.status !== 'succeeded' || this.store.readOnly) return { run, round: null, probabilities: null };
    const { round, probabilities } = await recordRound(this.project, this.store, run, labelSeq);
    return { run, round, probabilities };
  }
}
