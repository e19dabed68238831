import { z } from 'zod';
import { idSchema } from './schemas';

const unitRangeSchema = z.strictObject({ min: z.number().min(0).max(1).default(0), max: z.number().min(0).max(1).default(1) });

/**
 * One condition a listed sample must meet beyond status, class and split: a discriminated
 * union on `kind`, so a feature adds its own (a suspected label error, an outlier) as one more
 * member here and one evaluator in `electron/services/project/conditions/`.
 * - `prediction`: what a finished run says: its top class, whether that matches the label
 *   (`correct` only matches labeled samples), its top probability (`confidence`) and the gap
 *   to the runner-up (`margin`).
 * - `changed`: the prediction differs between `baseRunId` and `runId`: `fixed` (wrong before,
 *   right now), `broken` (right before, wrong now), or `any` (also unlabeled samples).
 * - the data checks' lists (the Data tab): `suspected-label` (a suspected label error still
 *   open for review), `outlier` (far from every labeled class), `duplicate` (a member of an
 *   exact or near-duplicate group) and `map-selection` (the embedding map's latest lasso).
 */
export const sampleConditionSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('prediction'),
    runId: idSchema,
    classId: idSchema.optional(),
    correct: z.boolean().optional(),
    confidence: unitRangeSchema.optional(),
    margin: unitRangeSchema.optional(),
  }),
  z.strictObject({ kind: z.literal('changed'), runId: idSchema, baseRunId: idSchema, change: z.enum(['fixed', 'broken', 'any']) }),
  z.strictObject({ kind: z.literal('suspected-label') }),
  z.strictObject({ kind: z.literal('outlier') }),
  z.strictObject({ kind: z.literal('duplicate') }),
  z.strictObject({ kind: z.literal('map-selection') }),
]);
export type SampleCondition = z.input<typeof sampleConditionSchema>;
export type ValidSampleCondition = z.output<typeof sampleConditionSchema>;

/** The data checks whose lists are conditions (and a sort: their own order, worst first). */
export const dataCheckSchema = z.enum(['suspected-label', 'outlier', 'duplicate', 'map-selection']);
export type DataCheck = z.infer<typeof dataCheckSchema>;

/**
 * The order of a list: import order, a run's confidence or margin (least sure first with
 * `asc`), or a data check's own order (`data-check`: the least self-confident suspected label
 * or the farthest outlier first, duplicate groups leaks first and member by member).
 */
export const sampleSortSchema = z.discriminatedUnion('by', [
  z.strictObject({ by: z.literal('import') }),
  z.strictObject({ by: z.literal('confidence'), runId: idSchema, order: z.enum(['asc', 'desc']).default('asc') }),
  z.strictObject({ by: z.literal('margin'), runId: idSchema, order: z.enum(['asc', 'desc']).default('asc') }),
  z.strictObject({ by: z.literal('data-check'), check: dataCheckSchema }),
]);
export type SampleSort = z.input<typeof sampleSortSchema>;
export type ValidSampleSort = z.output<typeof sampleSortSchema>;

/** A run's prediction for a listed sample, when the list names a run (so tiles can show it). */
export const rowPredictionSchema = z.object({ runId: idSchema, classId: idSchema, probability: z.number(), margin: z.number() });
export type RowPrediction = z.infer<typeof rowPredictionSchema>;
