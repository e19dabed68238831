import type { LoopSettings, LoopStatus, Round } from '../../../shared/contract/loop';
import type { QueueItem } from '../../../shared/contract/queue';
import type { RunRequest } from '../../../shared/ml/runs';
import type { MlServices } from '../ml/index';
import { readRunProbabilities, type RunProbabilities } from '../ml/probabilityFiles';
import { RunStore } from '../ml/RunStore';
import type { Project } from '../project/Project';
import type { EventHub } from '../rpc/EventHub';
import { buildQueue, type QueueAccess } from '../queue/LabelQueue';
import { HeldOutOrder, heldOutState, type HeldOutState } from '../queue/heldOut';
import { labelsSince } from './labelsSince';
import { LoopStore } from './LoopStore';
import { LoopTraining, type RunEnd } from './LoopTraining';
import { QueueRefresher } from './QueueRefresher';
import { loopStatus } from './loopStatus';
import { RoundScorer } from './roundScores';
import { Throttle } from './throttle';
import { BackboneProposals } from './BackboneProposals';

export interface LoopDeps {
  ml: MlServices;
  events: EventHub;
  log(message: string, error?: unknown): void;
}

/** After a failed query, the queue waits this long (and for a new label) before asking again. */
const retryAfterFailureMs = 10_000;

/**
 * The active-learning loop of one open project. It serves the queue from the current batch
 * without ever waiting on the ML worker, counts new labels and retrains in the background
 * when enough have come in, records each finished run as a round, asks the worker for a
 * new batch afterwards, and tells every window what changed.
 */
export class LoopSession {
  private heldOutCache: HeldOutState | null = null;
  private readonly heldOutOrder = new HeldOutOrder();
  private probabilities: RunProbabilities | null = null;
  private readonly statusThrottle: Throttle;
  private autoQueriedAt = -1;
  private failedAt = 0;
  private closed = false;
  readonly refresher: QueueRefresher;
  readonly training: LoopTraining;
  /** The backbone proposed from a look at the images; the loop follows it until the user picks one. */
  readonly proposals: BackboneProposals;
  /** Scores every round on today's test labels; keeps each run's test rows once read. */
  readonly scorer: RoundScorer;

  private constructor(
    readonly project: Project,
    readonly store: LoopStore,
    private readonly runs: RunStore,
    private readonly deps: LoopDeps,
  ) {
    this.scorer = new RoundScorer(project);
    this.refresher = new QueueRefresher(project, store, deps.ml, async () => runs.latest('succeeded'));
    this.training = new LoopTraining(project, store, deps.ml, deps.events, { changed: () => this.changed(), ended: (end) => this.runEnded(end), log: deps.log });
    this.proposals = new BackboneProposals(project, {
      get settings() {
        return store.settings;
      },
      readOnly: store.readOnly,
      updateSettings: (change) => this.updateSettings(change),
    });
    this.statusThrottle = new Throttle(250, () => void this.status().then((s) => !this.closed && deps.events.emit('loop:status-changed', s), (e) => deps.log('loop status failed', e)));
  }

  static async open(project: Project, deps: LoopDeps): Promise<LoopSession> {
    const [store, runs] = await Promise.all([LoopStore.open(project), RunStore.for(project)]);
    const session = new LoopSession(project, store, runs, deps);
    const latest = runs.latest('succeeded');
    if (latest) session.probabilities = await readRunProbabilities(project.dir, latest.id).catch(() => null);
    // A model trained while the studio was closed (the CLI) picks a fresh batch at once.
    if (latest && store.batch && store.batch.runId !== latest.id && !store.readOnly) void session.refresh();
    return session;
  }

  get settings(): LoopSettings {
    return this.store.settings;
  }

  /**
   * The next items to label. Never waits for the worker; asks it for a new batch in the
   * background when this one runs low. `access` says what this client may be handed
   * (images others hold count as used up).
   */
  next(count: number, exclude: readonly string[], access?: QueueAccess): QueueItem[] {
    const lowWater = Math.min(count, Math.ceil(this.settings.batchSize / 2));
    if (this.batchLeft(exclude, access) < lowWater && this.mayQueryOnItsOwn() && this.poolBeyondBatch(exclude)) {
      this.autoQueriedAt = this.project.labels.book.lastSeq;
      void this.refresh(exclude);
    }
    const sources = { project: this.project, batch: this.store.batch, heldOut: this.heldOut(), heldOutOrder: this.heldOutOrder, probabilities: this.probabilities, fallbackNote: this.fallbackNote(), access };
    return buildQueue(sources, count, exclude);
  }

  /** Queries a new batch now and tells the UI; resolves when it is in place (or failed). */
  async refresh(skip: readonly string[] = []): Promise<number> {
    const outcome = await this.refresher.refresh(skip);
    if (this.closed) return 0;
    if (outcome.error) {
      this.failedAt = Date.now();
      this.deps.log(`choosing the next batch failed: ${outcome.error}`);
    }
    if (outcome.batch) this.deps.events.emit('project:changed', { what: ['queue'] });
    this.changed();
    return this.batchLeft();
  }

  async updateSettings(change: Partial<LoopSettings>): Promise<LoopSettings> {
    const before = this.store.settings;
    const after = await this.store.updateSettings(change);
    this.heldOutCache = null;
    this.changed();
    if (after.strategy !== before.strategy || after.batchSize !== before.batchSize) void this.refresh();
    void this.maybeRetrain();
    return after;
  }

  startRun(request: RunRequest = {}): Promise<string> {
    // A query in flight would hold the worker, and its answer is stale once the run ends.
    if (!this.training.busy) void this.refresher.cancel();
    return this.training.start(request);
  }

  /** Labels, samples or classes changed: recount, and retrain if enough new labels came in. */
  projectChanged(what: readonly string[]): void {
    if (what.some((w) => w === 'labels' || w === 'samples' || w === 'classes')) this.heldOutCache = null;
    this.changed();
    if (what.includes('labels')) void this.maybeRetrain();
    if (what.includes('samples') && !this.store.readOnly) this.proposals.refresh().catch((error: unknown) => this.deps.log('proposing a backbone failed', error));
  }

  /** Every round, oldest first, scored on today's test labels: the learning curve. */
  rounds(): Promise<Round[]> {
    return this.scorer.score(this.store.rounds, this.runs.list());
  }

  /** The run records of the project, oldest first. */
  get runRecords(): RunStore {
    return this.runs;
  }

  async status(): Promise<LoopStatus> {
    const last = this.runs.list().findLast((r) => r.status !== 'running');
    return loopStatus({
      lastTest: last?.status === 'succeeded' ? await this.scorer.testFigure(last.id) : null,
      settings: this.settings,
      rounds: this.store.rounds,
      runs: this.runs.list(),
      labelsSinceRun: this.labelsSinceRun(),
      active: this.training.active,
      backend: this.deps.ml.worker.backend?.name ?? null,
      heldOut: this.heldOut(),
      batch: this.store.batch,
      batchLeft: this.batchLeft(),
    });
  }

  /** Stops the run and the query of this project and waits for both (closing the project). */
  async close(): Promise<void> {
    this.closed = true;
    this.statusThrottle.cancel();
    await Promise.all([this.training.stop(), this.refresher.cancel()]);
  }

  private changed(): void {
    if (!this.closed) this.statusThrottle.schedule();
  }

  private async maybeRetrain(): Promise<void> {
    const settings = this.settings;
    if (this.closed || this.store.readOnly || !settings.autoRetrain || this.training.busy) return;
    if (this.labelsSinceRun() < settings.retrainEvery) return;
    try {
      await this.startRun();
    } catch (error) {
      this.deps.log('automatic retraining could not start', error);
    }
  }

  private async runEnded(end: RunEnd): Promise<void> {
    if (this.closed) return;
    if (end.probabilities) this.probabilities = end.probabilities;
    if (end.run.status === 'succeeded') {
      await this.refresh();
      if (this.closed) return;
      this.deps.events.emit('project:changed', { what: ['queue', 'runs'] });
    } else {
      this.deps.events.emit('project:changed', { what: ['runs'] });
      this.changed();
    }
    // Labels kept coming in during the run: they may already call for the next one.
    void this.maybeRetrain();
  }

  private labelsSinceRun(): number {
    const newest = this.runs.list().at(-1);
    if (!newest) return labelsSince(this.project, null);
    const asked = this.store.runStart;
    // Runs the loop started count from the journal position; others (the CLI's) from their start time.
    return labelsSince(this.project, asked?.runId === newest.id ? { seq: asked.labelSeq } : { at: newest.createdAt });
  }

  private heldOut(): HeldOutState {
    this.heldOutCache ??= heldOutState(this.project, this.settings);
    return this.heldOutCache;
  }

  /** Batch items still to label, leaving out those the client holds. */
  private batchLeft(exclude: readonly string[] = [], access?: QueueAccess): number {
    const book = this.project.labels.book;
    const held = new Set(exclude);
    return (this.store.batch?.items ?? []).filter((pick) => {
      const state = book.stateOf(pick.sampleId);
      return !held.has(pick.sampleId) && (access?.available(pick.sampleId) ?? true) && state.classId === null && !state.skipped && !state.flag;
    }).length;
  }

  private mayQueryOnItsOwn(): boolean {
    if (this.closed || this.store.readOnly || this.refresher.busy || this.training.busy) return false;
    if (Date.now() - this.failedAt < retryAfterFailureMs) return false;
    return this.store.batch === null || this.autoQueriedAt !== this.project.labels.book.lastSeq;
  }

  /** Whether the train pool holds a candidate the current batch and the client do not. */
  private poolBeyondBatch(exclude: readonly string[]): boolean {
    const skip = new Set([...exclude, ...(this.store.batch?.items ?? []).map((p) => p.sampleId)]);
    const book = this.project.labels.book;
    return this.project.samples.all.some((s) => {
      if (s.split !== 'train' || skip.has(s.id)) return false;
      const state = book.stateOf(s.id);
      return state.classId === null && !state.skipped && !state.flag;
    });
  }

  private fallbackNote(): string {
    if (this.training.busy) return 'import order until the model in training picks the next batch';
    if (this.refresher.busy) return this.store.batch ? 'import order while the model picks the next batch' : 'import order while the model picks a first batch';
    if (this.refresher.lastError) return `import order: choosing a batch failed (${this.refresher.lastError.slice(0, 120)})`;
    return 'import order: the batch is used up';
  }
}
