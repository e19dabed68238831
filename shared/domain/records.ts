import { z } from 'zod';
import { classNameSchema, colorSchema, idSchema, shortcutKeySchema, splitSchema } from '../contract/schemas';
import { labelViewSchema } from './labelViews';

// Record schemas are strict (unknown keys refused): bytes pasted into a file that still parse
// are caught by the checksum and by the schema. A field added here must be added to the schema.

/**
 * A class of the project's schema: what annotators choose between. The guideline and the
 * example images are shown beside the image while labeling (H).
 */
export const classDefSchema = z.strictObject({
  id: idSchema,
  name: classNameSchema,
  color: colorSchema,
  key: shortcutKeySchema,
  guideline: z.string().max(20_000),
  examples: z.array(idSchema).max(24),
});
export type ClassDef = z.infer<typeof classDefSchema>;

/**
 * An imported image. Images stay where they are: a sample references its file by absolute
 * path and content hash. The split is chosen once at import and never changes.
 */
export const sampleSchema = z.strictObject({
  id: idSchema,
  path: z.string(),
  /** Path relative to the folder it was imported from, for display and folder labels. */
  relativePath: z.string(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  /** 64-bit difference hash (16 hex digits) used to keep near-duplicates in one split. */
  dhash: z.string().regex(/^[0-9a-f]{16}$/),
  /** 256-bit fine hash (64 hex digits) that tells small images apart; absent on samples imported before it existed. */
  fineHash: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  format: z.string(),
  bytes: z.number().int().nonnegative(),
  split: splitSchema,
  importedLabel: z.string().nullable(),
  addedAt: z.string(),
});
export type Sample = z.infer<typeof sampleSchema>;

/** Where a sample stands with the annotators right now. */
export const labelStateSchema = z.strictObject({
  classId: idSchema.nullable(),
  skipped: z.boolean(),
  flag: z
    .strictObject({ comment: z.string().max(2000), by: z.string(), at: z.string() })
    .nullable(),
  annotator: z.string().nullable(),
  at: z.string().nullable(),
  /** Waiting for a reviewer: two people's answers disagree (absent when not). */
  needsReview: z.enum(['conflict', 'disagreement']).optional(),
  /** A reviewer's final decision set this label (absent when none has). */
  reviewed: z.strictObject({ by: z.string(), at: z.string() }).optional(),
});
export type LabelState = z.infer<typeof labelStateSchema>;

export const emptyLabelState: LabelState = { classId: null, skipped: false, flag: null, annotator: null, at: null };

export const decisionKinds = ['label', 'clear', 'skip', 'flag', 'unflag', 'undo'] as const;

/**
 * One thing an annotator did to one sample, in the order it was made durable. Decisions
 * carry the state before and after, so undo is "restore `before`" and the last-20 list can
 * show what changed. `seconds` is the time the annotator spent on the item.
 */
export const decisionSchema = z.strictObject({
  seq: z.number().int().positive(),
  kind: z.enum(decisionKinds),
  sampleId: idSchema,
  annotator: z.string(),
  at: z.string(),
  seconds: z.number().nonnegative(),
  before: labelStateSchema,
  after: labelStateSchema,
  /** For an undo: the seq of the decision it reverted. */
  undoes: z.number().int().positive().optional(),
  /**
   * The version of the sample the decision was made on: the seq of the sample's latest
   * decision when the annotator loaded it (0: none). What happened after it was unseen.
   */
  basedOn: z.number().int().nonnegative().optional(),
  /** The class this person chose, where `after` keeps someone else's (a conflict or second opinion). */
  answer: idSchema.optional(),
  /** Someone else's unseen answer this one disagrees with: both are kept, the sample goes to review. */
  conflict: z.strictObject({ seq: z.number().int().positive(), annotator: z.string(), classId: idSchema.nullable() }).optional(),
  /** An independent second answer on an overlap sample, for agreement (the first answer stays the label). */
  secondOpinion: z.literal(true).optional(),
  /** A reviewer's decision: final, and recorded as such. */
  final: z.literal(true).optional(),
  /** Where it was made, when not in the labeling queue (see labelViews). */
  via: labelViewSchema.optional(),
});
export type Decision = z.infer<typeof decisionSchema>;
export type DecisionKind = Decision['kind'];
