import { z } from 'zod';
import { event, request } from './channel';
import { emptySchema, idSchema } from './schemas';
import { evaluationSchema, figureSchema } from './evaluation';
import { backboneIdSchema } from '../ml/cards';
import { runProgressSchema } from '../ml/runs';

/**
 * How the active-learning loop runs for a project: which strategy orders the queue, how
 * big a batch is, after how many new labels the model retrains in the background, and how
 * many test labels each class needs before evaluation means anything.
 */
export const loopSettingsSchema = z.object({
  strategy: z.string().min(1).max(40),
  batchSize: z.number().int().min(1).max(500),
  retrainEvery: z.number().int().min(1).max(10_000),
  autoRetrain: z.boolean(),
  minTestLabelsPerClass: z.number().int().min(0).max(1000),
  minValLabelsPerClass: z.number().int().min(0).max(1000),
  backboneId: backboneIdSchema,
  head: z.enum(['linear', 'mlp']),
});
export type LoopSettings = z.infer<typeof loopSettingsSchema>;

export const strategyInfoSchema = z.object({
  name: z.string(),
  summary: z.string(),
  needs: z.array(z.enum(['embeddings', 'probabilities', 'mc-dropout'])),
  coldStart: z.boolean(),
});
export type StrategyInfo = z.infer<typeof strategyInfoSchema>;

export { evaluationSchema, type Evaluation } from './evaluation';

/** What picked some of a round's new train labels: a strategy's batch, the gallery, import order, an import. */
export const pickedSchema = z.object({ strategy: z.string(), labels: z.number().int() });

/**
 * One turn of the loop: a run, the labels it learned from and how it does on the test split.
 * `test` is scored on the current test labels, the same for every round, so the learning
 * curve compares like with like; `testNote` says why a round has no figures. A retrain that
 * learned from no more labels than the round (same labels, another head, corrected labels)
 * replaces the round's model and counts in `retrains` instead of adding a round.
 */
export const roundSchema = z.object({
  round: z.number().int().positive(),
  runId: idSchema,
  at: z.string(),
  /** Labels the run learned from (train + val). */
  labels: z.number().int(),
  /**
   * What picked the round's new train labels: one strategy, "mixed" when several did (see
   * `picked`), or for rounds an older studio recorded, the setting at the time.
   */
  strategy: z.string(),
  /** The round's new train labels by what picked them, most first; null where not recorded. */
  picked: z.array(pickedSchema).nullable(),
  retrains: z.number().int().nonnegative(),
  /** Val accuracy at training time (the run stopped early on val: optimistic). */
  val: figureSchema.nullable(),
  test: evaluationSchema.nullable(),
  testNote: z.string().nullable(),
});
export type Round = z.infer<typeof roundSchema>;

/** What the status bar shows. */
export const loopStatusSchema = z.object({
  round: z.number().int(),
  labelsSinceRun: z.number().int(),
  retrainEvery: z.number().int(),
  autoRetrain: z.boolean(),
  strategy: z.string(),
  lastRun: z
    .object({
      id: idSchema,
      status: z.string(),
      /** Accuracy on the val labels of its training, and on today's test labels; each with its interval and n. */
      val: figureSchema.nullable(),
      test: figureSchema.nullable(),
      finishedAt: z.string().nullable(),
    })
    .nullable(),
  /** The run in progress and its latest progress, if any. */
  training: z.object({ runId: idSchema, progress: runProgressSchema.nullable() }).nullable(),
  backend: z.string().nullable(),
  /** Classes still short of held-out labels: the queue interleaves random samples of that split for them. */
  heldOutNeeded: z.array(z.object({ split: z.enum(['val', 'test']), classId: idSchema, have: z.number().int(), need: z.number().int() })),
  queue: z.object({ size: z.number().int(), strategy: z.string(), runId: idSchema.nullable(), refreshedAt: z.string().nullable() }),
});
export type LoopStatus = z.infer<typeof loopStatusSchema>;

const speedFiguresShape = { labels: z.number().int(), medianSeconds: z.number().nullable(), perHour: z.number().nullable() };

/** Labeling speed per annotator and per round (round null: since the last round). */
export const labelingSpeedSchema = z.object({
  annotators: z.array(z.object({ annotator: z.string(), ...speedFiguresShape })),
  rounds: z.array(z.object({ round: z.number().int().nullable(), ...speedFiguresShape })),
});

export type LabelingSpeed = z.infer<typeof labelingSpeedSchema>;

export const loopChannels = {
  'loop:settings': request(emptySchema, loopSettingsSchema),
  'loop:update-settings': request(loopSettingsSchema.partial().strict(), loopSettingsSchema),
  'loop:strategies': request(emptySchema, z.array(strategyInfoSchema)),
  'loop:status': request(emptySchema, loopStatusSchema),
  'loop:status-changed': event(loopStatusSchema),
  /** Every round so far, oldest first: the project's learning curve. */
  'loop:rounds': request(emptySchema, z.array(roundSchema)),
  /** Who labels how fast, and how fast each round's labels came. */
  'loop:speed': request(emptySchema, labelingSpeedSchema),
  /** Rebuilds the queue now with the current strategy and latest model. */
  'loop:refresh-queue': request(emptySchema, z.object({ size: z.number().int() })),
} as const;
