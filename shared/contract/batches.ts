import { z } from 'zod';
import { sampleSchema } from '../domain/records';
import { event, request, studioErrorSchema } from './channel';
import { importProgressSchema, importReportSchema } from './imports';
import { absolutePathSchema, emptySchema, idSchema, splitSchema } from './schemas';

/**
 * An image of a new-data batch: a sample record without a split. It stays out of the
 * project's samples (so out of the queue, training and evaluation) until it is moved in,
 * which is when it gets its split.
 */
export const heldSampleSchema = sampleSchema.omit({ split: true });
export type HeldSample = z.infer<typeof heldSampleSchema>;

export const batchNameSchema = z.string().trim().min(1, 'a batch name').max(80).refine((n) => !/[\u0000-\u001f]/.test(n), 'a name without control characters');

/** Why a batch image was moved into the project. */
export const moveReasons = ['least-confident', 'audit', 'rest'] as const;

/**
 * A named batch of new images: where they came from, how many, which were moved into the
 * project (and why, and into which split), and the audit samples drawn from it, each with
 * the run whose predictions it checks.
 */
export const batchRecordSchema = z.object({
  id: idSchema,
  name: batchNameSchema,
  createdAt: z.string(),
  sources: z.array(z.string().max(4096)).max(1000),
  count: z.number().int().nonnegative(),
  moved: z.record(idSchema, z.object({ at: z.string(), why: z.enum(moveReasons), split: splitSchema })),
  audits: z.array(z.object({ runId: idSchema, at: z.string(), sampleIds: z.array(idSchema) })),
});
export type BatchRecord = z.infer<typeof batchRecordSchema>;

export const batchSummarySchema = batchRecordSchema.pick({ id: true, name: true, createdAt: true, sources: true, count: true }).extend({
  /** Images moved into the project so far. */
  moved: z.number().int(),
  audited: z.number().int(),
});
export type BatchSummary = z.infer<typeof batchSummarySchema>;

const share = z.object({ count: z.number().int(), share: z.number() });
const estimate = z.object({ value: z.number(), low: z.number(), high: z.number(), n: z.number().int() });
const level = z.enum(['none', 'moderate', 'major', 'too-few']);

/**
 * How a run sees a new batch next to the project's images it did not learn from: the share
 * predicted as each class and the confidence histogram for both, the population stability
 * index per class and for the confidences, a verdict in words, the least confident images,
 * and the accuracy of the latest audit sample with its Wilson interval.
 */
export const batchReportSchema = z.object({
  batch: batchSummarySchema,
  runId: idSchema,
  /** Batch images the run has predictions for (images that could not be decoded have none). */
  scored: z.number().int(),
  unreadable: z.number().int(),
  reference: z.object({ n: z.number().int(), description: z.string() }),
  classes: z.array(z.object({ classId: z.string(), name: z.string(), batch: share, reference: share, psi: z.number() })),
  confidence: z.object({ bins: z.array(z.object({ from: z.number(), to: z.number(), batch: share, reference: share })), psi: z.number(), level }),
  classPsi: z.number(),
  classLevel: level,
  verdict: z.string(),
  thresholds: z.object({ moderate: z.number(), major: z.number(), minImages: z.number().int() }),
  /** The least confident images not yet moved into the project, least first (at most 20). */
  leastConfident: z.array(z.object({ sampleId: idSchema, relativePath: z.string(), label: z.string(), probability: z.number() })),
  audit: z
    .object({
      runId: idSchema,
      at: z.string(),
      drawn: z.number().int(),
      labeled: z.number().int(),
      correct: z.number().int(),
      accuracy: estimate.nullable(),
      note: z.string(),
    })
    .nullable(),
});
export type BatchReport = z.infer<typeof batchReportSchema>;

const picked = z.object({ moved: z.number().int(), queued: z.number().int(), heldOut: z.number().int(), note: z.string() });
export type BatchPick = z.infer<typeof picked>;

export const batchesChannels = {
  'batches:list': request(emptySchema, z.array(batchSummarySchema)),
  'batches:import': request(z.strictObject({ name: batchNameSchema, sources: z.array(absolutePathSchema).min(1).max(1000) }), z.object({ jobId: idSchema })),
  'batches:cancel-import': request(z.strictObject({ jobId: idSchema }), z.object({ cancelled: z.boolean() })),
  'batches:import-progress': event(importProgressSchema),
  'batches:import-finished': event(z.object({ jobId: idSchema, batch: batchSummarySchema, report: importReportSchema })),
  'batches:import-failed': event(z.object({ jobId: idSchema, error: studioErrorSchema })),
  /** Predicts the batch with the run first when needed (progress events), then reports. */
  'batches:report': request(z.strictObject({ batchId: idSchema, runId: idSchema.optional() }), batchReportSchema),
  'batches:predict-progress': event(z.object({ batchId: idSchema, runId: idSchema, phase: z.enum(['embedding', 'scoring']), done: z.number().int(), total: z.number().int() })),
  'batches:queue-least-confident': request(z.strictObject({ batchId: idSchema, runId: idSchema, n: z.number().int().min(1).max(10_000) }), picked),
  'batches:draw-audit': request(z.strictObject({ batchId: idSchema, runId: idSchema, n: z.number().int().min(1).max(10_000) }), picked),
  'batches:move-rest': request(z.strictObject({ batchId: idSchema }), picked),
} as const;
