import { join } from 'node:path';
import { StudioError } from '../../../shared/contract/channel';
import type { Notice } from '../../../shared/contract/schemas';
import { sampleSchema, type Sample } from '../../../shared/domain/records';
import { NearDuplicateIndex } from '../../../shared/domain/dhash';
import { AppendJournal, type JournalOptions } from '../storage/AppendJournal';
import { failedWrite } from '../storage/storageErrors';
import type { StorageFs } from '../storage/fileSystem';
import { projectFiles } from './documents';

export interface JournalOpenOptions {
  readOnly: boolean;
  fs?: StorageFs;
  /** Records studio.json says the journal held (see `journalCountsSchema`). */
  expected?: number;
  acceptLoss?: boolean;
}

/** What a journal held against what studio.json says it should (null: nothing missing). */
export type JournalLoss = { found: number; expected: number } | null;

/**
 * Every sample of a project, in import order, with lookups by id and content hash.
 * Samples are appended to samples.jsonl in batches (one fsync per batch) rather than kept in
 * a rewritten document: an import of 100,000 images must not rewrite a growing file 500 times.
 */
export class SampleIndex {
  readonly all: Sample[] = [];
  private readonly byId = new Map<string, Sample>();
  private readonly byHash = new Map<string, Sample>();
  readonly nearDuplicates = new NearDuplicateIndex<Sample>();

  private constructor(
    private readonly journal: AppendJournal<Sample> | null,
    readonly notices: Notice[],
    /** Durable lines in samples.jsonl (for a read-only index: lines read). */
    private readonly readRecords: number,
    readonly loss: JournalLoss,
  ) {}

  static async open(dir: string, options: JournalOpenOptions): Promise<SampleIndex> {
    const path = join(dir, projectFiles.samples);
    const journalOptions: JournalOptions<Sample> = { parse: (j) => sampleSchema.parse(j), label: projectFiles.samples, ...options };
    if (options.readOnly) {
      const { entries, notices, count, short } = await AppendJournal.read(path, journalOptions);
      return SampleIndex.from(new SampleIndex(null, notices, count, short), entries);
    }
    const { journal, entries } = await AppendJournal.open(path, journalOptions);
    return SampleIndex.from(new SampleIndex(journal, journal.notices, 0, journal.loss), entries);
  }

  private static from(index: SampleIndex, entries: Sample[]): SampleIndex {
    for (const sample of entries) index.remember(sample);
    return index;
  }

  get size(): number {
    return this.all.length;
  }

  /** Records in samples.jsonl that are durable (what studio.json may promise). */
  get records(): number {
    return this.journal ? this.journal.count : this.readRecords;
  }

  get(id: string): Sample | undefined {
    return this.byId.get(id);
  }

  byContentHash(hash: string): Sample | undefined {
    return this.byHash.get(hash);
  }

  /**
   * Makes a batch durable, then visible: all of it or none of it. A failed write (a full
   * disk) leaves samples.jsonl and this index as they were and says so.
   */
  async add(samples: Sample[]): Promise<void> {
    if (!this.journal) throw new StudioError('conflict', 'The project is open read-only.');
    try {
      await this.journal.appendAll(samples);
    } catch (error) {
      this.journal.resume(); // a batch is all or nothing: nothing else depends on it
      throw failedWrite(error, { notSaved: `None of the ${samples.length} samples of this batch were saved.`, saved: `The ${this.size} samples saved before are safe.` });
    }
    for (const sample of samples) this.remember(sample);
  }

  async close(): Promise<void> {
    await this.journal?.close();
  }

  private remember(sample: Sample): void {
    if (this.byId.has(sample.id)) return;
    this.all.push(sample);
    this.byId.set(sample.id, sample);
    this.byHash.set(sample.hash, sample);
    this.nearDuplicates.add(sample, sample.dhash);
  }
}
