import { z } from 'zod';
import { idSchema } from '../contract/schemas';
import { backboneIdSchema } from './cards';

/**
 * The head's settings as stored in a run: softmax regression (`linear`) or an MLP with
 * dropout, and how it was trained. Mirrors the worker's HeadConfig field for field.
 */
export const headConfigSchema = z.object({
  kind: z.enum(['linear', 'mlp']),
  hiddenUnits: z.number().int().nonnegative(),
  dropout: z.number().min(0).lt(1),
  epochs: z.number().int().positive().max(10_000),
  batchSize: z.number().int().positive().max(65_536),
  learningRate: z.number().positive(),
  l2: z.number().nonnegative(),
  classWeights: z.boolean(),
  patience: z.number().int().nonnegative(),
  seed: z.number().int(),
  standardize: z.boolean(),
});
export type HeadSettings = z.output<typeof headConfigSchema>;

/** What a user may change for one run; everything else comes from the head's defaults. */
export const headOverridesSchema = headConfigSchema.partial();
export type HeadOverrides = z.output<typeof headOverridesSchema>;

export const epochReportSchema = z.object({
  epoch: z.number().int(),
  loss: z.number(),
  accuracy: z.number(),
  valLoss: z.number().optional(),
  valAccuracy: z.number().optional(),
});
export type EpochFigures = z.output<typeof epochReportSchema>;

export const tfBackendSchema = z.object({
  name: z.string(),
  native: z.boolean(),
  skipped: z.array(z.object({ name: z.string(), reason: z.string() })),
});
export type TfBackendReport = z.output<typeof tfBackendSchema>;

/** Whether full fine-tuning of backbone layers could run, and why not when it cannot. */
export const fineTuneAvailabilitySchema = z.object({
  available: z.boolean(),
  reason: z.string(),
});
export type FineTuneAvailability = z.output<typeof fineTuneAvailabilitySchema>;

const valFiguresSchema = z.object({ accuracy: z.number(), loss: z.number(), count: z.number().int() });

/**
 * What fine-tuning the built-in network did in a run: on which backend and how (cut point,
 * formulation, the layers that trained), each epoch, and val figures of the frozen network
 * with a linear classifier against the fine-tuned one. `kept` says which weights the run
 * went on with: the frozen ones when no epoch beat them on val.
 */
export const fineTuneReportSchema = z.object({
  backend: z.string(),
  formulation: z.enum(['portable', 'native']),
  cutLayer: z.string(),
  trains: z.string(),
  trainedLayers: z.array(z.string()),
  labels: z.object({ train: z.number().int(), val: z.number().int() }),
  history: z.array(epochReportSchema),
  bestEpoch: z.number().int(),
  stoppedEarly: z.boolean(),
  secondsPerEpoch: z.number(),
  /** Seconds spent computing the activations at the cut point (0 when all were cached). */
  cacheSeconds: z.number(),
  frozenVal: valFiguresSchema.nullable(),
  tunedVal: valFiguresSchema.nullable(),
  kept: z.enum(['fine-tuned', 'frozen']),
});
export type FineTuneReport = z.output<typeof fineTuneReportSchema>;

export const splitMetricsSchema = z.object({
  count: z.number().int(),
  accuracy: z.number(),
  loss: z.number(),
  macroF1: z.number(),
});
export type SplitMetrics = z.output<typeof splitMetricsSchema>;

/**
 * Which labels a run learned from. `sha256` is over the sorted "sampleId classId" lines,
 * so two runs with the same labels share it whatever order they were made in.
 */
export const labelSnapshotSchema = z.object({
  train: z.number().int(),
  val: z.number().int(),
  perClass: z.record(z.string(), z.object({ train: z.number().int(), val: z.number().int() })),
  sha256: z.string(),
});
export type LabelSnapshot = z.output<typeof labelSnapshotSchema>;

export const runStatuses = ['running', 'succeeded', 'failed', 'cancelled'] as const;

/**
 * One training run: what was trained on what, where, how long it took and how well it did.
 * Stored in `<project>/runs.json`; the class probabilities it produced for every sample
 * live beside it in `runs/<id>/`. A run left `running` by a studio that stopped is marked
 * `failed` the next time the project's runs are read.
 */
export const runRecordSchema = z.strictObject({
  id: idSchema,
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  status: z.enum(runStatuses),
  backbone: z.object({ id: z.string(), name: z.string(), engine: z.string(), embeddingSize: z.number().int() }),
  head: headConfigSchema,
  /** Class ids in the order of the probability columns (the project's order at the start). */
  classIds: z.array(idSchema),
  labels: labelSnapshotSchema,
  backend: tfBackendSchema.nullable(),
  /** What trained and scored the head: "wasm-simd" (the studio's own kernels) or "tfjs-<backend>"; absent in older records. */
  headEngine: z.string().optional(),
  /** onnxruntime execution providers the backbone ran on (ONNX backbones only). */
  executionProviders: z.array(z.string()).nullable(),
  fineTune: z.object({ requested: z.boolean() }).extend(fineTuneAvailabilitySchema.shape),
  /** What fine-tuning did, when it ran; absent or null otherwise (absent in older records). */
  fineTuning: fineTuneReportSchema.nullable().optional(),
  warmStartFrom: idSchema.nullable(),
  durationMs: z.number().nonnegative().nullable(),
  history: z.array(epochReportSchema),
  bestEpoch: z.number().int().nullable(),
  stoppedEarly: z.boolean(),
  metrics: z.object({ train: splitMetricsSchema, val: splitMetricsSchema.nullable() }).nullable(),
  /** Samples that got probabilities; images that could not be decoded get none. */
  scored: z.number().int(),
  unscored: z.number().int(),
  error: z.object({ code: z.string(), message: z.string(), hint: z.string().optional() }).nullable(),
});
export type RunRecord = z.output<typeof runRecordSchema>;

/** `runs.json`. Strict, like every stored record: unknown keys are refused. */
export const runsDocSchema = z.strictObject({
  schemaVersion: z.literal(1),
  runs: z.array(runRecordSchema),
});
export type RunsDoc = z.output<typeof runsDocSchema>;

/**
 * Live progress of a run, pushed to the UI: downloading the backbone (first use only),
 * fine-tuning it (only when asked for and a native backend runs), embedding new images,
 * then each epoch of the head, then scoring the pool. `done`/`total` count images or samples; `epoch` carries the figures.
 */
export const runProgressSchema = z.discriminatedUnion('phase', [
  z.object({ phase: z.literal('downloading'), runId: idSchema, backboneId: z.string(), receivedBytes: z.number().int(), totalBytes: z.number().int().nullable() }),
  z.object({ phase: z.literal('embedding'), runId: idSchema, done: z.number().int(), total: z.number().int() }),
  z.object({ phase: z.literal('fine-tuning'), runId: idSchema, epoch: epochReportSchema, epochs: z.number().int() }),
  // Within a fine-tuning epoch (minutes on a slow backend): images trained so far in epoch `epoch`.
  z.object({ phase: z.literal('fine-tuning-step'), runId: idSchema, epoch: z.number().int(), epochs: z.number().int(), done: z.number().int(), total: z.number().int() }),
  z.object({ phase: z.literal('training'), runId: idSchema, epoch: epochReportSchema, epochs: z.number().int() }),
  z.object({ phase: z.literal('scoring'), runId: idSchema, done: z.number().int(), total: z.number().int() }),
]);
export type RunProgress = z.output<typeof runProgressSchema>;

/**
 * What the UI may ask for when it starts a run (the `training:start` request body besides
 * the project): backbone, head settings, fine-tuning and warm start.
 */
export const runRequestSchema = z.object({
  backboneId: backboneIdSchema.optional(),
  head: headOverridesSchema.optional(),
  fineTune: z.boolean().optional(),
  warmStart: z.boolean().optional(),
});
export type RunRequest = z.output<typeof runRequestSchema>;
