import { NearDuplicateIndex } from '../../../shared/domain/dhash';
import type { Sample } from '../../../shared/domain/records';
import { splitOrderKey } from '../../../shared/domain/splits';
import type { Split } from '../../../shared/contract/schemas';
import { buildClass } from '../classes/classDefaults';
import type { Project } from '../project/Project';
import type { PreparedSample } from './types';

/**
 * Turns prepared files into samples, one durable batch at a time. Within a batch, samples
 * take their splits in a seeded order (so splits do not follow folder order); a sample that
 * is a near-duplicate of one already held, or of one earlier in the batch, takes that
 * sample's split, so near-duplicates never straddle train and test. Imported labels name
 * classes; missing classes are created, and each label is recorded as a decision.
 */
export class SampleCommitter {
  readonly newClasses: string[] = [];
  labeled = 0;
  committed = 0;
  /**
   * Samples by exact dHash. Bursts and video frames give many identical hashes, and the
   * band index scans a whole bucket per lookup; an exact hit needs no scan.
   */
  private sameDhash: Map<string, Sample> | null = null;

  constructor(
    private readonly project: Project,
    private readonly annotator: string,
  ) {}

  async commit(batch: PreparedSample[]): Promise<void> {
    if (batch.length === 0) return;
    const seed = this.project.doc.seed;
    const inSplitOrder = [...batch].sort(
      (a, b) => splitOrderKey(seed, a.hash) - splitOrderKey(seed, b.hash) || (a.hash < b.hash ? -1 : 1),
    );
    this.sameDhash ??= new Map(this.project.samples.all.map((s) => [s.dhash, s]));
    const inBatch = new NearDuplicateIndex<Sample>();
    const addedAt = new Date().toISOString();
    const byHash = new Map<string, Sample>();
    for (const prepared of inSplitOrder) {
      const sample: Sample = { id: prepared.hash.slice(0, 16), ...prepared, split: this.splitFor(prepared, inBatch), addedAt };
      if (!this.sameDhash.has(sample.dhash)) {
        inBatch.add(sample, sample.dhash);
        this.sameDhash.set(sample.dhash, sample);
      }
      byHash.set(sample.hash, sample);
    }
    const samples = batch.map((prepared) => byHash.get(prepared.hash)!); // kept in the order found
    const classIds = await this.classesFor(samples);
    await this.project.samples.add(samples);
    this.committed += samples.length;
    const labeled = samples.filter((s) => s.importedLabel !== null);
    const meta = { annotator: this.annotator, seconds: 0 };
    await Promise.all(labeled.map((s) => this.project.labels.setClass(s.id, classIds.get(s.importedLabel!.toLowerCase())!, meta)));
    this.labeled += labeled.length;
  }

  private splitFor(prepared: PreparedSample, inBatch: NearDuplicateIndex<Sample>): Split {
    const stratum = prepared.importedLabel ?? '';
    const same = this.sameDhash!.get(prepared.dhash);
    if (same) {
      this.project.splits.record(stratum, same.split);
      return same.split;
    }
    const held = this.project.samples.nearDuplicates.nearest(prepared.dhash);
    const sibling = inBatch.nearest(prepared.dhash);
    const near = held && sibling ? (sibling.distance < held.distance ? sibling : held) : (held ?? sibling);
    if (!near) return this.project.splits.assign(stratum);
    this.project.splits.record(stratum, near.item.split);
    return near.item.split;
  }

  /** Class id per lower-cased label, creating the classes the project lacks. */
  private async classesFor(samples: Sample[]): Promise<Map<string, string>> {
    const ids = new Map(this.project.doc.classes.map((c) => [c.name.toLowerCase(), c.id]));
    const missing = [...new Set(samples.flatMap((s) => (s.importedLabel !== null && !ids.has(s.importedLabel.toLowerCase()) ? [s.importedLabel] : [])))];
    const unique = missing.filter((label, i) => missing.findIndex((m) => m.toLowerCase() === label.toLowerCase()) === i);
    if (unique.length === 0) return ids;
    // Made durable before any sample of the batch is: a failed write leaves nothing behind.
    const added = await this.project.updateMeta(
      (doc) => unique.map((name) => {
        const created = buildClass({ name }, doc.classes);
        doc.classes.push(created);
        return created;
      }),
      `The new classes ${unique.map((n) => `"${n}"`).join(', ')} were not created.`,
    );
    for (const c of added) ids.set(c.name.toLowerCase(), c.id);
    this.newClasses.push(...unique);
    return ids;
  }
}
