import { z } from 'zod';
import { request } from './channel';
import { idSchema, splitSchema } from './schemas';
import { decisionSchema, labelStateSchema } from '../domain/records';
import { rowPredictionSchema, sampleConditionSchema, sampleSortSchema } from './sampleConditions';

/** Which samples a gallery or the CLI lists. Fields combine (AND). */
export const sampleFilterSchema = z.strictObject({
  /** `conflict`: waiting for a reviewer (a conflict or an overlap disagreement); `reviewed`: a reviewer decided. */
  status: z.enum(['all', 'unlabeled', 'labeled', 'flagged', 'skipped', 'conflict', 'reviewed']).default('all'),
  classId: idSchema.optional(),
  split: splitSchema.optional(),
  /** Samples a finished run predicts as this class (its top class): a confusion-matrix cell. */
  predicted: z.strictObject({ runId: idSchema, classId: idSchema }).optional(),
  /** More conditions, all of which must hold (see sampleConditions). */
  where: z.array(sampleConditionSchema).max(8).optional(),
});
export type SampleFilter = z.input<typeof sampleFilterSchema>;

/** A sample as lists show it: enough to draw a thumbnail tile and its badges. */
export const sampleRowSchema = z.object({
  id: idSchema,
  fileName: z.string(),
  relativePath: z.string(),
  path: z.string(),
  split: splitSchema,
  width: z.number(),
  height: z.number(),
  importedLabel: z.string().nullable(),
  label: labelStateSchema,
  /** The sample's version (seq of its latest decision): a decision made on this row sends it as `basedOn`. */
  version: z.number().int().nonnegative().optional(),
  /** The prediction of the run the list names (in its sort or conditions); null when it did not score the sample. */
  prediction: rowPredictionSchema.nullable().optional(),
});
export type SampleRow = z.infer<typeof sampleRowSchema>;

export const samplesChannels = {
  'samples:list': request(
    z.strictObject({
      filter: sampleFilterSchema.default({ status: 'all' }),
      sort: sampleSortSchema.default({ by: 'import' }),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1000).default(200),
    }),
    z.object({ total: z.number().int(), items: z.array(sampleRowSchema) }),
  ),
  'samples:get': request(
    z.strictObject({ id: idSchema }),
    z.object({ sample: sampleRowSchema, history: z.array(decisionSchema) }),
  ),
} as const;
