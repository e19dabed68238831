import { StudioError } from '../../../shared/contract/channel';
import type { LoopSettings } from '../../../shared/contract/loop';
import type { Notice } from '../../../shared/contract/schemas';
import { DurableJsonFile } from '../storage/DurableJsonFile';
import { DurableDocument } from '../storage/DurableDocument';
import type { Project } from '../project/Project';
import { emptyLoopDoc, loopDocSchema, loopFile, rememberedBatches, type LoopDoc, type PickedBatch, type QueueBatch, type StoredRound } from './loopDocument';
import { defaultStrategy, isKnownStrategy } from './strategyCatalog';

/**
 * The loop's document of one open project (`loop.json`), written through the durable
 * document layer (checksummed, last generations kept): a change is visible only once it is
 * on disk, so a failed write leaves settings, rounds and the queue batch as they were.
 * Read-only projects read it and refuse changes.
 */
export class LoopStore {
  private constructor(
    private readonly doc: DurableDocument<LoopDoc>,
    private readonly writable: boolean,
    readonly notices: Notice[],
  ) {}

  static async open(project: Project): Promise<LoopStore> {
    const file = new DurableJsonFile(project.path(loopFile), (json) => loopDocSchema.parse(json), { label: loopFile, readOnly: project.readOnly, fs: project.fs });
    let doc: DurableDocument<LoopDoc>;
    try {
      doc = await DurableDocument.open(file, emptyLoopDoc);
    } catch (error) {
      throw new StudioError('damaged', `Cannot read the loop settings: ${(error as Error).message}`, 'Copy loop.json from a backup of the project folder.');
    }
    const notices = [...doc.notices];
    for (const notice of doc.notices) project.addNotice(notice);
    if (!isKnownStrategy(doc.data.settings.strategy)) {
      // A strategy this studio does not know (a newer studio's, or a removed one).
      notices.push({ level: 'warning', message: `The query strategy "${doc.data.settings.strategy}" is not available here; using "${defaultStrategy}".` });
      doc.data.settings.strategy = defaultStrategy; // in memory only: saved with the next change
    }
    return new LoopStore(doc, !project.readOnly, notices);
  }

  get settings(): LoopSettings {
    return { ...this.doc.data.settings };
  }

  /** Oldest first. */
  get rounds(): StoredRound[] {
    return this.doc.data.rounds;
  }

  /** The latest batches, newest last: which strategy put each sample in the queue. */
  get picks(): readonly PickedBatch[] {
    return this.doc.data.picks;
  }

  get batch(): QueueBatch | null {
    return this.doc.data.queue;
  }

  /** When the loop asked for its latest run (see loopDocument). */
  get runStart(): LoopDoc['runStart'] {
    return this.doc.data.runStart;
  }

  async setRunStart(runStart: NonNullable<LoopDoc['runStart']>): Promise<void> {
    this.assertWritable();
    await this.doc.update((d) => {
      d.runStart = runStart;
    }, 'Where the new run starts was not saved.');
  }

  get readOnly(): boolean {
    return !this.writable;
  }

  async updateSettings(change: Partial<LoopSettings>): Promise<LoopSettings> {
    this.assertWritable();
    await this.doc.update((d) => {
      d.settings = { ...d.settings, ...change };
    }, 'The loop settings were not changed.');
    return this.settings;
  }

  async addRound(round: Omit<StoredRound, 'round'>): Promise<StoredRound> {
    this.assertWritable();
    return this.doc.update((d) => {
      const numbered: StoredRound = { round: d.rounds.length + 1, ...round };
      d.rounds.push(numbered);
      return numbered;
    }, 'The round was not recorded.');
  }

  /** Replaces the latest round's facts (a retrain on the same labels). */
  async replaceLatestRound(change: Partial<Omit<StoredRound, 'round'>>): Promise<StoredRound> {
    this.assertWritable();
    if (!this.doc.data.rounds.length) throw new StudioError('internal', 'There is no round to update.');
    return this.doc.update((d) => {
      const updated: StoredRound = { ...d.rounds[d.rounds.length - 1], ...change };
      d.rounds[d.rounds.length - 1] = updated;
      return updated;
    }, 'The round was not updated.');
  }

  /** The queue's new batch; its picks are remembered beside the few batches before it. */
  async setBatch(batch: QueueBatch): Promise<void> {
    this.assertWritable();
    await this.doc.update((d) => {
      d.queue = batch;
      if (batch.items.length) {
        const picked: PickedBatch = { strategy: batch.strategy, refreshedAt: batch.refreshedAt, sampleIds: batch.items.map((i) => i.sampleId) };
        d.picks = [...d.picks, picked].slice(-rememberedBatches);
      }
    }, 'The new queue batch was not saved.');
  }

  private assertWritable(): void {
    if (!this.writable) throw new StudioError('conflict', 'The project is open read-only; the loop cannot change it.');
  }
}
