import type { Sample } from '../../../shared/domain/records';
import { buildClass } from '../classes/classDefaults';
import type { Project } from '../project/Project';
import { SplitPlanner } from './splitPlanner';
import type { PreparedSample } from './types';

/**
 * Turns prepared files into samples, one durable batch at a time. The `SplitPlanner` gives
 * each sample its frozen split (near-duplicate groups whole, classes at 80/10/10). Imported
 * labels name classes; missing classes are created, and each label is recorded as a decision.
 */
export class SampleCommitter {
  readonly newClasses: string[] = [];
  labeled = 0;
  committed = 0;
  private readonly planner: SplitPlanner;

  /** `expectedImages`: how many files the import found (sets the near-duplicate group cap). */
  constructor(
    private readonly project: Project,
    private readonly annotator: string,
    expectedImages: number,
  ) {
    this.planner = new SplitPlanner(project, expectedImages);
  }

  get splitReport(): SplitPlanner['report'] {
    return this.planner.report;
  }

  async commit(batch: PreparedSample[]): Promise<void> {
    if (batch.length === 0) return;
    const splits = this.planner.plan(batch);
    const addedAt = new Date().toISOString();
    const samples: Sample[] = batch.map(({ stated: _stated, ...prepared }) => ({ id: prepared.hash.slice(0, 16), ...prepared, split: splits.get(prepared.hash)!, addedAt }));
    const classIds = await this.classesFor(samples);
    await this.project.samples.add(samples);
    for (const sample of samples) this.planner.hold(sample);
    this.committed += samples.length;
    await Promise.all(batch.map((prepared, i) => this.recordLabels(samples[i], prepared.stated, classIds)));
  }

  /** The imported label as a decision, with the annotator, time, seconds and flag a labels file states. */
  private async recordLabels(sample: Sample, stated: PreparedSample['stated'], classIds: Map<string, string>): Promise<void> {
    const meta = { annotator: stated?.annotator ?? this.annotator, seconds: stated?.seconds ?? 0, ...(stated?.time ? { at: stated.time } : {}) };
    if (sample.importedLabel !== null) {
      await this.project.labels.setClass(sample.id, classIds.get(sample.importedLabel.toLowerCase())!, meta);
      this.labeled += 1;
    }
    if (stated?.flagged) await this.project.labels.flag(sample.id, true, stated.comment ?? '', { ...meta, seconds: 0 });
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
