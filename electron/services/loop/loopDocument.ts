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
 * One round as loop.json keeps it: facts only. Its test figures are not stored: they are
 * re-scored from the run's probabilities on the current test labels whenever asked for
 * (roundScores.ts). `labelSeq` is where the label journal stood when the run was asked for,
 * so the next round knows which labels are new; `picked` says what picked those new train
 * labels. Older files carry `test` (figures on the test labels of their time) and no `picked`.
 */
export const storedRoundSchema = roundSchema.pick({ round: true, runId: true, at: true, labels: true, strategy: true }).extend({
  valAccuracy: z.number().nullable().default(null),
  picked: roundSchema.shape.picked.default(null),
  retrains: z.number().int().nonnegative().default(0),
  labelSeq: z.number().int().nonnegative().nullable().default(null),
  /** Written as null so an older studio still reads the file; never read. */
  test: z.unknown().optional(),
});
export type StoredRound = z.output<typeof storedRoundSchema>;

/** How many recent batches the loop remembers, to tell which strategy picked a label made from an older batch the client still held. */
export const rememberedBatches = 4;

/** The sample ids a batch picked, and by which strategy. */
export const pickedBatchSchema = z.object({ strategy: z.string(), refreshedAt: z.string(), sampleIds: z.array(idSchema) });
export type PickedBatch = z.infer<typeof pickedBatchSchema>;

/**
 * `<project>/loop.json`: the loop's settings, its rounds (the learning curve), the
 * current queue batch and what the latest batches picked. Settings missing from an older
 * file take their defaults.
 */
export const loopDocSchema = z.strictObject({
  schemaVersion: z.literal(1),
  settings: loopSettingsSchema.partial().transform((s): LoopSettings => ({ ...defaultLoopSettings, ...s })),
  rounds: z.array(storedRoundSchema).default([]),
  queue: queueBatchSchema.nullable().default(null),
  /** The latest batches (newest last, at most `rememberedBatches`): what picked each queued sample. */
  picks: z.array(pickedBatchSchema).default([]),
  /**
   * Where the label journal stood when the loop asked for its latest run. The run's own
   * `createdAt` comes later (after the worker started); labels made in between were not in
   * the run and count toward the next.
   */
  runStart: z.strictObject({ runId: idSchema, labelSeq: z.number().int().nonnegative() }).nullable().default(null),
});
export type LoopDoc = z.output<typeof loopDocSchema>;

export function emptyLoopDoc(): LoopDoc {
  return { schemaVersion: 1, settings: { ...defaultLoopSettings }, rounds: [], queue: null, picks: [], runStart: null };
}
