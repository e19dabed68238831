import { z } from 'zod';
import { event, request } from './channel';
import { annotatorSchema, emptySchema, idSchema, splitSchema } from './schemas';
import { decisionSchema } from '../domain/records';
import { qualitySettingsSchema, qualityStepSchema, suspectSchema } from '../ml/quality';

/**
 * Where the data checks stand: idle, running a step (with its progress), or failed with
 * the reason. `reportRunId` is the run the shown report comes from; `latestRunId` the newest
 * succeeded run (when they differ the report is older than the model).
 */
export const qualityStatusSchema = z.object({
  state: z.enum(['idle', 'running', 'failed']),
  step: qualityStepSchema.nullable(),
  done: z.number().int(),
  total: z.number().int(),
  reportRunId: idSchema.nullable(),
  latestRunId: idSchema.nullable(),
  mapMethod: z.enum(['pca', 'umap']).nullable(),
  error: z.string().nullable(),
});
export type QualityStatus = z.infer<typeof qualityStatusSchema>;

/**
 * A sample whose label the out-of-fold model doubts, as the review shows it: the label it
 * was given, the class suggested instead, and the evidence (self-confidence = the out-of-fold
 * probability of the given label; the given class's threshold = the mean self-confidence of
 * its labels; below it, the model is not confident in this label).
 */
export const reviewItemSchema = suspectSchema.extend({
  split: splitSchema,
  /** 1 = most suspicious of the report. */
  rank: z.number().int().positive(),
  /** The sample's version as listed: a relabel sends it back as `basedOn` (the rules of labeling together). */
  version: z.number().int().nonnegative(),
  runId: idSchema,
});
export type ReviewItem = z.infer<typeof reviewItemSchema>;

/** What the reviewer decided about one suspected label, kept so a kept label is not asked again until the evidence changes. */
export const reviewDecisionSchema = z.object({
  sampleId: idSchema,
  action: z.enum(['keep', 'relabel']),
  given: idSchema,
  suggested: idSchema,
  selfConfidence: z.number(),
  /** For `relabel`: the class chosen. */
  classId: idSchema.nullable(),
  runId: idSchema,
  annotator: z.string(),
  at: z.string(),
});
export type ReviewDecision = z.infer<typeof reviewDecisionSchema>;

/** A group member as listed; `version` goes back as its `basedOn` with a group action. */
const memberSchema = z.object({ id: idSchema, split: splitSchema, classId: idSchema.nullable(), version: z.number().int().nonnegative() });

/** Each member's version as the group was shown: a change over an answer given since is a conflict, not a replacement. */
const membersBasedOnSchema = z.record(idSchema, z.number().int().nonnegative()).optional();

/**
 * A group of duplicate images. `straddles`: its members sit in more than one split (a leak
 * between training and evaluation). `leakyTestIds`: its test-split members while it also has
 * train or val members; they are left out of the test figures (the split of an imported
 * sample never changes, so the studio cannot move them).
 */
export const duplicateGroupViewSchema = z.object({
  key: z.string(),
  kind: z.enum(['exact', 'near']),
  source: z.enum(['embedding', 'dhash']),
  closeness: z.number(),
  members: z.array(memberSchema),
  straddles: z.boolean(),
  leakyTestIds: z.array(idSchema),
  /** Members disagree on their labels. */
  mixedLabels: z.boolean(),
});
export type DuplicateGroupView = z.infer<typeof duplicateGroupViewSchema>;

export const outlierViewSchema = z.object({ sampleId: idSchema, score: z.number(), nearestClassId: idSchema, split: splitSchema, classId: idSchema.nullable() });

/** Everything the Data tab lists, worst first, with how many samples each figure rests on. */
export const qualityOverviewSchema = z.object({
  runId: idSchema.nullable(),
  createdAt: z.string().nullable(),
  /** Labeled samples the label check scored. */
  checked: z.number().int(),
  folds: z.number().int(),
  suspects: z.array(reviewItemSchema),
  /** Suspects already decided (kept or relabeled) and not re-opened by new evidence. */
  reviewed: z.number().int(),
  duplicateGroups: z.array(duplicateGroupViewSchema),
  outliers: z.array(outlierViewSchema),
  outlierSpace: z.object({ components: z.number().int(), varianceKept: z.number() }).nullable(),
  settings: qualitySettingsSchema,
  notices: z.array(z.string()),
});
export type QualityOverview = z.infer<typeof qualityOverviewSchema>;

/**
 * The embedding map as the map view draws it: parallel arrays, one entry per point.
 * `label`/`predicted` index `classIds` (-1: none); `split` 0 train, 1 val, 2 test;
 * `flags` bit 1 = suspected label error, bit 2 = outlier, bit 4 = in a duplicate group.
 */
export const mapPointsSchema = z.object({
  method: z.enum(['pca', 'umap']),
  backboneId: z.string(),
  classIds: z.array(idSchema),
  ids: z.array(idSchema).max(500_000),
  x: z.array(z.number()).max(500_000),
  y: z.array(z.number()).max(500_000),
  label: z.array(z.number().int()).max(500_000),
  predicted: z.array(z.number().int()).max(500_000),
  confidence: z.array(z.number()).max(500_000),
  split: z.array(z.number().int()).max(500_000),
  flags: z.array(z.number().int()).max(500_000),
});
export type MapPoints = z.infer<typeof mapPointsSchema>;

const groupActionSchema = z.discriminatedUnion('action', [
  /** Keep `keepId`; the others are excluded: their labels cleared and skipped, so nothing trains or tests on the copies. */
  z.strictObject({ action: z.literal('keep-one'), key: z.string().max(2000), keepId: idSchema, basedOn: membersBasedOnSchema, annotator: annotatorSchema.optional() }),
  /** Give every member the same class. */
  z.strictObject({ action: z.literal('label-alike'), key: z.string().max(2000), classId: idSchema, basedOn: membersBasedOnSchema, annotator: annotatorSchema.optional() }),
  /** Not duplicates that matter: hide the group until its members change. */
  z.strictObject({ action: z.literal('ignore'), key: z.string().max(2000), annotator: annotatorSchema.optional() }),
]);

export const qualityChannels = {
  'quality:status': request(emptySchema, qualityStatusSchema),
  'quality:progress': event(qualityStatusSchema),
  /** The report, the map or the review decisions changed: refetch what is shown. */
  'quality:changed': event(z.object({ what: z.array(z.enum(['report', 'map', 'reviews'])) })),
  /** Runs the checks now on the newest succeeded run (they also run after every run). */
  'quality:check': request(emptySchema, z.object({ started: z.boolean() })),
  'quality:cancel': request(emptySchema, z.object({ cancelled: z.boolean() })),
  'quality:overview': request(emptySchema, qualityOverviewSchema),
  'quality:update-settings': request(qualitySettingsSchema.partial().strict(), qualitySettingsSchema),
  /** The next suspected labels to review, worst first, leaving out what the client holds. */
  'quality:review-next': request(
    z.strictObject({ count: z.number().int().min(1).max(100).default(20), exclude: z.array(idSchema).max(500).default([]) }),
    z.object({ items: z.array(reviewItemSchema), remaining: z.number().int() }),
  ),
  /** Keeps the label or changes it; answers once both the review decision and the label are durable. */
  'quality:review': request(
    z.strictObject({
      sampleId: idSchema,
      action: z.enum(['keep', 'relabel']),
      classId: idSchema.optional(),
      /** The sample's version on screen (the review item's `version`): a change over someone's unseen answer is a conflict. */
      basedOn: z.number().int().nonnegative().optional(),
      seconds: z.number().min(0).max(86_400).default(0),
      annotator: annotatorSchema.optional(),
    }),
    z.object({ review: reviewDecisionSchema, label: decisionSchema.nullable() }),
  ),
  'quality:group-action': request(groupActionSchema, z.object({ changed: z.number().int() })),
  /** The 2-D embedding map with what each point is coloured by; null before any map is computed. */
  'quality:map': request(emptySchema, mapPointsSchema.nullable()),
  /**
   * A lasso selection from the map: `gallery` keeps it as the gallery's "map selection" filter;
   * `queue` puts its unlabeled train samples at the front of the labeling queue (val and test
   * samples stay out: held-out labels are collected at random).
   */
  'quality:select': request(
    z.strictObject({ ids: z.array(idSchema).max(500_000), target: z.enum(['gallery', 'queue']) }),
    z.object({ selected: z.number().int(), queued: z.number().int(), leftOut: z.number().int() }),
  ),
} as const;
