import { z } from 'zod';
import { request } from './channel';
import { annotatorSchema, idSchema } from './schemas';
import { decisionSchema, labelStateSchema } from '../domain/records';

export const reviewReasons = ['conflict', 'disagreement', 'flagged'] as const;

/**
 * One image waiting for a reviewer: why (two answers in conflict, an overlap disagreement,
 * a flag with its comment), everyone's answers, and the label that stands meanwhile.
 */
export const reviewItemSchema = z.object({
  sampleId: idSchema,
  fileName: z.string(),
  reasons: z.array(z.enum(reviewReasons)),
  label: labelStateSchema,
  /** Send back as `basedOn` with the verdict. */
  version: z.number().int().nonnegative(),
  answers: z.array(z.object({ annotator: z.string(), classId: idSchema.nullable(), at: z.string(), independent: z.boolean() })),
});
export type ReviewItem = z.infer<typeof reviewItemSchema>;

export const reviewChannels = {
  /** The review queue, oldest first: conflicts and disagreements, then flagged images. */
  'review:queue': request(
    z.strictObject({ offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(100) }),
    z.object({ total: z.number().int(), items: z.array(reviewItemSchema) }),
  ),
  /**
   * A reviewer's verdict: the final label (clears the flag and the conflict). Refused for
   * people who are not reviewers. Undo it with `labels:undo` like any decision.
   */
  'review:decide': request(
    z.strictObject({ sampleId: idSchema, classId: idSchema, basedOn: z.number().int().nonnegative().optional(), seconds: z.number().min(0).max(86_400).default(0), annotator: annotatorSchema.optional() }),
    decisionSchema,
  ),
} as const;
