import { z } from 'zod';
import { request } from './channel';
import { annotatorSchema, idSchema } from './schemas';

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
  /** The sample's version when it was handed out: a label sends it back as `basedOn`. */
  version: z.number().int().nonnegative().optional(),
  /**
   * Someone else labeled this overlap sample; a second, independent answer measures
   * agreement. The UI shows neither their label nor the model's suggestion.
   */
  secondOpinion: z.boolean().optional(),
});
export type QueueItem = z.infer<typeof queueItemSchema>;

/** Who holds the images asked about, for those held by someone else. */
export const leaseAnswerSchema = z.object({
  held: z.array(idSchema),
  takenBy: z.array(z.object({ sampleId: idSchema, annotator: z.string() })),
});

export const queueChannels = {
  /** The next samples to label, in the order the annotator should see them. */
  'queue:next': request(
    z.strictObject({
      count: z.number().int().min(1).max(100).default(20),
      /** Samples the client already holds (on screen or prefetched); their leases are renewed. */
      exclude: z.array(idSchema).max(500).default([]),
      annotator: annotatorSchema.optional(),
    }),
    z.array(queueItemSchema),
  ),
  /**
   * Keeps the images this tab shows or has fetched ahead leased to it (sent while they are
   * shown): no one else is handed them meanwhile. Images someone else holds are listed.
   */
  'queue:hold': request(z.strictObject({ sampleIds: z.array(idSchema).max(500), annotator: annotatorSchema.optional() }), leaseAnswerSchema),
  /** Gives images back to the queue (dropped from this tab's queue, or skipped). */
  'queue:release': request(z.strictObject({ sampleIds: z.array(idSchema).max(500), annotator: annotatorSchema.optional() }), z.object({})),
} as const;
