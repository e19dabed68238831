import { z } from 'zod';
import { request } from './channel';
import { idSchema } from './schemas';

/** Why the queue put a sample in front of the annotator. */
export const queueReasonSchema = z.object({
  strategy: z.string(),
  score: z.number().nullable(),
  /** Human-readable, e.g. "test label: every class needs 10" or "margin 0.04". */
  note: z.string(),
});

export const queueItemSchema = z.object({
  sampleId: idSchema,
  reason: queueReasonSchema,
  /**
   * Held-out samples (val/test) asked for so evaluation has labels: the UI shows no model
   * suggestion for them, so the annotator is not anchored by the model being judged.
   */
  heldOut: z.boolean().default(false),
  /** The model's top classes for this sample, best first; empty before any model. */
  top: z.array(z.object({ classId: idSchema, probability: z.number() })),
});
export type QueueItem = z.infer<typeof queueItemSchema>;

export const queueChannels = {
  /** The next samples to label, in the order the annotator should see them. */
  'queue:next': request(
    z.strictObject({
      count: z.number().int().min(1).max(100).default(20),
      /** Samples the client already holds (on screen or prefetched). */
      exclude: z.array(idSchema).max(500).default([]),
    }),
    z.array(queueItemSchema),
  ),
} as const;
