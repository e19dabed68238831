import { z } from 'zod';
import { request } from './channel';
import { annotatorSchema, idSchema } from './schemas';
import { decisionSchema } from '../domain/records';
import { labelViewSchema } from '../domain/labelViews';

const secondsSchema = z.number().min(0).max(86_400).default(0);

/**
 * Every labeling channel answers only after the decision is durable on disk: the UI marks
 * a label as saved when, and only when, its response arrives.
 */
export const labelsChannels = {
  'labels:set': request(
    z.strictObject({ sampleId: idSchema, classId: idSchema, seconds: secondsSchema, annotator: annotatorSchema.optional(), via: labelViewSchema.optional() }),
    decisionSchema,
  ),
  'labels:clear': request(
    z.strictObject({ sampleId: idSchema, annotator: annotatorSchema.optional() }),
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
  /** Reverts this annotator's most recent decision that is not yet undone. */
  'labels:undo': request(
    z.strictObject({ annotator: annotatorSchema.optional() }),
    z.object({ undo: decisionSchema.nullable() }),
  ),
  /** The most recent decisions, newest first. */
  'labels:history': request(
    z.strictObject({ limit: z.number().int().min(1).max(200).default(20), annotator: annotatorSchema.optional() }),
    z.array(decisionSchema),
  ),
} as const;
