import { Low } from 'lowdb';
import { StudioError } from '../../../shared/contract/channel';
import type { LoopSettings } from '../../../shared/contract/loop';
import type { Notice } from '../../../shared/contract/schemas';
import { DurableJsonFile } from '../storage/DurableJsonFile';
import type { Project } from '../project/Project';
import { emptyLoopDoc, loopDocSchema, loopFile, rememberedBatches, type LoopDoc, type PickedBatch, type QueueBatch, type StoredRound } from './loopDocument';
import { defaultStrategy, isKnownStrategy } from './strategyCatalog';

/**
 * The loop's document of one open project, written through lowdb with the durable adapter
 * (temp, fsync, rename, backup), so settings, rounds and the queue batch survive a crash
 * and a reopen. Read-only projects read it and refuse changes.
 */
export class LoopStore {
  private constructor(
    private readonly db: Low<LoopDoc>,
    private readonly writable: boolean,
    readonly notices: Notice[],
  ) {}

  static async open(project: Project): Promise<LoopStore> {
    const adapter = new DurableJsonFile(project.path(loopFile), (json) => loopDocSchema.parse(json), loopFile, project.readOnly);
    let doc: LoopDoc | null;
    try {
      doc = await adapter.read();
    } catch (error) {
      throw new StudioError('io', `Cannot read the loop settings: ${(error as Error).message}`);
    }
    const notices = [...adapter.notices];
    const data = doc ?? emptyLoopDoc();
    if (!isKnownStrategy(data.settings.strategy)) {
      // A strategy this studio does not know (a newer studio's, or a removed one).
      notices.push({ level: 'warning', message: `The query strategy "${data.settings.strategy}" is not available here; using "${defaultStrategy}".` });
      data.settings.strategy = defaultStrategy;
    }
    return new LoopStore(new Low(adapter, data), !project.readOnly, notices);
  }

  get settings(): LoopSettings {
    return { ...this.db.data.settings };
  }

  /** Oldest first. */
  get rounds(): StoredRound[] {
    return this.db.data.rounds;
  }

  /** The latest batches, newest last: which strategy put each sample in the queue. */
  get picks(): readonly PickedBatch[] {
    return this.db.data.picks;
  }

  get batch(): QueueBatch | null {
    return this.db.data.queue;
  }

  /** When the loop asked for its latest run (see loopDocument). */
  get runStart(): LoopDoc['runStart'] {
    return this.db.data.runStart;
  }

  async setRunStart(runStart: NonNullable<LoopDoc['runStart']>): Promise<void> {
    this.assertWritable();
    this.db.data.runStart = runStart;
    await this.db.write();
  }

  get readOnly(): boolean {
    return !this.writable;
  }

  async updateSettings(change: Partial<LoopSettings>): Promise<LoopSettings> {
    this.assertWritable();
    this.db.data.settings = { ...this.db.data.settings, ...change };
    await this.db.write();
    return this.settings;
  }

  async addRound(round: Omit<StoredRound, 'round'>): Promise<StoredRound> {
    this.assertWritable();
    const numbered: StoredRound = { round: this.db.data.rounds.length + 1, ...round };
    this.db.data.rounds.push(numbered);
    await this.db.write();
    return numbered;
  }

  /** Replaces the latest round's facts (a retrain on the same labels). */
  async replaceLatestRound(change: Partial<Omit<StoredRound, 'round'>>): Promise<StoredRound> {
    this.assertWritable();
    const rounds = this.db.data.rounds;
    if (!rounds.length) throw new StudioError('internal', 'There is no round to update.');
    const updated: StoredRound = { ...rounds[rounds.length - 1], ...change };
    rounds[rounds.length - 1] = updated;
    await this.db.write();
    return updated;
  }

  /** The queue's new batch; its picks are remembered beside the few batches before it. */
  async setBatch(batch: QueueBatch): Promise<void> {
    this.assertWritable();
    this.db.data.queue = batch;
    if (batch.items.length) {
      const picked: PickedBatch = { strategy: batch.strategy, refreshedAt: batch.refreshedAt, sampleIds: batch.items.map((i) => i.sampleId) };
      this.db.data.picks = [...this.db.data.picks, picked].slice(-rememberedBatches);
    }
    await this.db.write();
  }

  private assertWritable(): void {
    if (!this.writable) throw new StudioError('conflict', 'The project is open read-only; the loop cannot change it.');
  }
}
