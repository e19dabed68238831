import { z } from 'zod';
import { event, request } from './channel';
import { emptySchema, idSchema } from './schemas';
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

/** Classification quality on a labeled split (the frozen test split for the learning curve). */
export const evaluationSchema = z.object({
  split: z.enum(['val', 'test']),
  count: z.number().int(),
  accuracy: z.number(),
  macroF1: z.number(),
  /** Expected calibration error over 10 confidence bins. */
  ece: z.number(),
  perClass: z.array(z.object({ classId: idSchema, precision: z.number(), recall: z.number(), f1: z.number(), support: z.number().int() })),
  /** rows = true class, columns = predicted class, both in `classIds` order. */
  confusion: z.array(z.array(z.number().int())),
  classIds: z.array(idSchema),
  /** Test samples left out because a duplicate of theirs sits in train or val (the data checks found it). */
  leakyExcluded: z.number().int().optional(),
});
export type Evaluation = z.infer<typeof evaluationSchema>;

/** One turn of the loop: a run, the labels it learned from and how it did on the test split. */
export const roundSchema = z.object({
  round: z.number().int().positive(),
  runId: idSchema,
  at: z.string(),
  /** Labels the run learned from (train + val). */
  labels: z.number().int(),
  strategy: z.string(),
  valAccuracy: z.number().nullable(),
  test: evaluationSchema.nullable(),
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
    .object({ id: idSchema, status: z.string(), valAccuracy: z.number().nullable(), testAccuracy: z.number().nullable(), finishedAt: z.string().nullable() })
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
