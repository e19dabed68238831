import { z } from 'zod';
import { request } from './channel';
import { annotatorSchema, idSchema } from './schemas';
import { decisionSchema } from '../domain/records';
import { labelViewSchema } from '../domain/labelViews';

const secondsSchema = z.number().min(0).max(86_400).default(0);

/** The sample's version the decision was made on (queue items and sample rows carry it). */
const basedOnSchema = z.number().int().nonnegative().optional();

/** Why an undo was refused: someone decided on the sample after the decision to undo. */
export const changedSinceSchema = z.object({
  /** The decision that was not undone. */
  seq: z.number().int().positive(),
  sampleId: idSchema,
  by: z.string(),
  kind: z.string(),
  at: z.string(),
  message: z.string(),
});
export type ChangedSince = z.infer<typeof changedSinceSchema>;

/**
 * Every labeling channel answers only after the decision is durable on disk: the UI marks
 * a label as saved when, and only when, its response arrives.
 */
export const labelsChannels = {
  'labels:set': request(
    z.strictObject({
      sampleId: idSchema,
      classId: idSchema,
      seconds: secondsSchema,
      annotator: annotatorSchema.optional(),
      basedOn: basedOnSchema,
      via: labelViewSchema.optional(),
    }),
    decisionSchema,
  ),
  'labels:clear': request(
    z.strictObject({ sampleId: idSchema, annotator: annotatorSchema.optional(), basedOn: basedOnSchema }),
    decisionSchema,
  ),
  'labels:skip': request(
    z.strictObject({ sampleId: idSchema, seconds: secondsSchema, annotator: annotatorSchema.optional() }),
    decisionSchema,
  ),
  'labels:flag': request(
    z.strictObject({
      sampleId: idSchema,
      flagged: z.boolean(),
      comment: z.string().max(2000).default(''),
      seconds: secondsSchema,
      annotator: annotatorSchema.optional(),
      via: labelViewSchema.optional(),
    }),
    decisionSchema,
  ),
  /**
   * Reverts this annotator's decision `seq` (default: their most recent not yet undone),
   * only while it is still the sample's current decision; otherwise `changedSince` says who
   * decided on the sample since, and nothing changes.
   */
  'labels:undo': request(
    z.strictObject({ annotator: annotatorSchema.optional(), seq: z.number().int().positive().optional() }),
    z.object({ undo: decisionSchema.nullable(), changedSince: changedSinceSchema.nullable().default(null) }),
  ),
  /** The most recent decisions, newest first. */
  'labels:history': request(
    z.strictObject({ limit: z.number().int().min(1).max(200).default(20), annotator: annotatorSchema.optional() }),
    z.array(decisionSchema),
  ),
} as const;
