import { z } from 'zod';
import { loopSettingsSchema, roundSchema, type LoopSettings } from '../../../shared/contract/loop';
import { idSchema } from '../../../shared/contract/schemas';
import { DEFAULT_PIXELS_ID } from '../../../shared/ml/pixels';
import { defaultStrategy } from './strategyCatalog';

/** File name of the loop's document inside the project folder. */
export const loopFile = 'loop.json';

export const defaultLoopSettings: LoopSettings = {
  strategy: defaultStrategy,
  batchSize: 20,
  retrainEvery: 20,
  autoRetrain: true,
  minTestLabelsPerClass: 10,
  minValLabelsPerClass: 5,
  backboneId: DEFAULT_PIXELS_ID,
  head: 'linear',
};

export const queuePickSchema = z.strictObject({ sampleId: idSchema, score: z.number(), note: z.string() });
export type QueuePick = z.infer<typeof queuePickSchema>;

/**
 * The batch the queue serves from: what a strategy picked with which model, best first.
 * It is replaced whole when the loop queries again (after a run, a strategy change, or
 * when it runs low).
 */
export const queueBatchSchema = z.strictObject({
  runId: idSchema.nullable(),
  strategy: z.string(),
  items: z.array(queuePickSchema),
  refreshedAt: z.string(),
});
export type QueueBatch = z.infer<typeof queueBatchSchema>;

/**
 * `<project>/loop.json`: the loop's settings, its rounds (the learning curve) and the
 * current queue batch. Settings missing from an older file take their defaults.
 */
export const loopDocSchema = z.strictObject({
  schemaVersion: z.literal(1),
  settings: loopSettingsSchema.partial().transform((s): LoopSettings => ({ ...defaultLoopSettings, ...s })),
  rounds: z.array(roundSchema).default([]),
  queue: queueBatchSchema.nullable().default(null),
  /**
   * Where the label journal stood when the loop asked for its latest run. The run's own
   * `createdAt` comes later (after the worker started); labels made in between were not in
   * the run and count toward the next.
   */
  runStart: z.strictObject({ runId: idSchema, labelSeq: z.number().int().nonnegative() }).nullable().default(null),
});
export type LoopDoc = z.output<typeof loopDocSchema>;

export function emptyLoopDoc(): LoopDoc {
  return { schemaVersion: 1, settings: { ...defaultLoopSettings }, rounds: [], queue: null, runStart: null };
}
