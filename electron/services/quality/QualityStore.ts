import { mkdir } from 'node:fs/promises';
import { z } from 'zod';
import { StudioError } from '../../../shared/contract/channel';
import { reviewDecisionSchema, type ReviewDecision } from '../../../shared/contract/quality';
import type { Notice } from '../../../shared/contract/schemas';
import { qualitySettingsSchema, type QualitySettings } from '../../../shared/ml/quality';
import type { Project } from '../project/Project';
import { AppendJournal } from '../storage/AppendJournal';
import { DurableDocument } from '../storage/DurableDocument';
import { DurableJsonFile } from '../storage/DurableJsonFile';

const qualityDocSchema = z.object({
  schemaVersion: z.literal(1),
  settings: qualitySettingsSchema.partial().transform((s) => qualitySettingsSchema.parse(s)),
  /** Duplicate groups the user said are fine, by group key (sorted member ids). */
  ignoredGroups: z.array(z.string()).default([]),
});
type QualityDoc = z.output<typeof qualityDocSchema>;

export const qualityFiles = { doc: 'quality/quality.json', reviews: 'quality/reviews.jsonl' } as const;

/**
 * A project's data-check decisions, durable: the settings and ignored duplicate groups in a
 * small durable document (a change is current only once on disk), and every review decision appended to
 * `quality/reviews.jsonl`, acknowledged only once fsync'd, like labels. The latest decision
 * per sample is the one that counts.
 */
export class QualityStore {
  private readonly latest = new Map<string, ReviewDecision>();

  private constructor(
    private readonly doc: DurableDocument<QualityDoc>,
    private readonly journal: AppendJournal<ReviewDecision> | null,
    reviews: ReviewDecision[],
    readonly notices: Notice[],
  ) {
    for (const review of reviews) this.latest.set(review.sampleId, review);
  }

  static async open(project: Project): Promise<QualityStore> {
    if (!project.readOnly) await mkdir(project.path('quality'), { recursive: true });
    const file = new DurableJsonFile(project.path(qualityFiles.doc), (json) => qualityDocSchema.parse(json), { label: qualityFiles.doc, readOnly: project.readOnly });
    const doc = await DurableDocument.open(file, () => ({ schemaVersion: 1 as const, settings: qualitySettingsSchema.parse({}), ignoredGroups: [] }));
    const parse = (json: unknown) => reviewDecisionSchema.parse(json);
    const path = project.path(qualityFiles.reviews);
    const { journal, entries, notices } = project.readOnly
      ? { journal: null, ...(await AppendJournal.read(path, parse)) }
      : await AppendJournal.open(path, parse).then((opened) => ({ ...opened, notices: opened.journal.notices }));
    return new QualityStore(doc, journal, entries, [...doc.notices, ...notices]);
  }

  get settings(): QualitySettings {
    return { ...this.doc.data.settings };
  }

  get ignoredGroups(): ReadonlySet<string> {
    return new Set(this.doc.data.ignoredGroups);
  }

  reviewOf(sampleId: string): ReviewDecision | undefined {
    return this.latest.get(sampleId);
  }

  async updateSettings(change: Partial<QualitySettings>): Promise<QualitySettings> {
    if (!this.journal) throw readOnly();
    const settings = qualitySettingsSchema.parse({ ...this.doc.data.settings, ...change });
    await this.doc.update((draft) => {
      draft.settings = settings;
    }, 'The data-check settings were not changed.');
    return this.settings;
  }

  async ignoreGroup(key: string): Promise<void> {
    if (this.doc.data.ignoredGroups.includes(key)) return;
    if (!this.journal) throw readOnly();
    await this.doc.update((draft) => {
      draft.ignoredGroups.push(key);
    }, 'The duplicate group was not marked as fine.');
  }

  /** Resolves once the decision is on disk. */
  async recordReview(review: ReviewDecision): Promise<void> {
    if (!this.journal) throw readOnly();
    await this.journal.append(review);
    this.latest.set(review.sampleId, review);
  }

  async close(): Promise<void> {
    await this.journal?.close();
  }
}

function readOnly(): StudioError {
  return new StudioError('conflict', 'The project is open read-only; review decisions cannot be saved.');
}
