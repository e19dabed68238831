import { join } from 'node:path';
import { sampleSchema, type Sample } from '../../../shared/domain/records';
import { NearDuplicateIndex } from '../../../shared/domain/dhash';
import { AppendJournal } from '../storage/AppendJournal';
import { projectFiles } from './documents';

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

  private constructor(private readonly journal: AppendJournal<Sample> | null) {}

  static async open(dir: string, readOnly: boolean): Promise<SampleIndex> {
    const path = join(dir, projectFiles.samples);
    const parse = (j: unknown) => sampleSchema.parse(j);
    if (readOnly) {
      const { entries, notices } = await AppendJournal.read(path, parse);
      return SampleIndex.from(null, entries, notices);
    }
    const { journal, entries } = await AppendJournal.open(path, parse);
    return SampleIndex.from(journal, entries, journal.notices);
  }

  private static from(journal: AppendJournal<Sample> | null, entries: Sample[], notices: SampleIndex['notices']): SampleIndex {
    const index = new SampleIndex(journal);
    for (const sample of entries) index.remember(sample);
    index.notices = notices;
    return index;
  }

  notices: AppendJournal<Sample>['notices'] = [];

  get size(): number {
    return this.all.length;
  }

  get(id: string): Sample | undefined {
    return this.byId.get(id);
  }

  byContentHash(hash: string): Sample | undefined {
    return this.byHash.get(hash);
  }

  /** Makes a batch durable, then visible. */
  async add(samples: Sample[]): Promise<void> {
    if (!this.journal) throw new Error('The project is open read-only.');
    await Promise.all(samples.map((s) => this.journal!.append(s)));
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
