import { z } from 'zod';
import { errorCodes } from '../contract/channel';
import { idSchema } from '../contract/schemas';
import { backboneSpecSchema } from './cards';
import { exportJobProgressSchema, exportModelJobSchema, exportModelReportSchema } from './exportJob';
import { scoreBatchJobSchema, scoreBatchReportSchema } from './batchJob';
import {
  epochReportSchema,
  fineTuneAvailabilitySchema,
  fineTuneReportSchema,
  headConfigSchema,
  headOverridesSchema,
  splitMetricsSchema,
  tfBackendSchema,
} from './runs';
import { mapJobResultSchema, mapJobSchema, qualityJobResultSchema, qualityJobSchema, qualityProgressSchema } from './quality';

// The typed contract between the host (main-side services) and the ML worker process.
// Only ids, settings, scores and progress cross it: the worker reads images and writes the
// embedding and probability files itself. Both sides validate every message with these
// schemas, so a worker built from other sources can never feed the host malformed data.

const absolute = z.string().min(1).max(4096);

export const embedJobSchema = z.object({
  kind: z.literal('embed'),
  projectDir: absolute,
  backbone: backboneSpecSchema,
  batchSize: z.number().int().min(1).max(1024).default(32),
});

export const trainJobSchema = z.object({
  kind: z.literal('train'),
  projectDir: absolute,
  runId: idSchema,
  backbone: backboneSpecSchema,
  head: headOverridesSchema,
  /** Class ids in column order; a label's class index points into this list. */
  classIds: z.array(idSchema).min(2).max(1000),
  /** [sampleId, classIndex] for every labeled sample of the train and val splits. */
  labels: z.array(z.tuple([idSchema, z.number().int().nonnegative()])),
  warmStartRunId: idSchema.nullable(),
  fineTune: z.boolean().default(false),
  batchSize: z.number().int().min(1).max(1024).default(32),
});

/**
 * Picks the next `n` samples to label: the worker scores `candidateIds` with the named
 * strategy (embeddings from the cache, computing missing ones with `backbone`; class
 * probabilities from run `runId`'s files; MC dropout from that run's saved head) and
 * answers with the picks, best first. `labeledIds` let diversity strategies avoid what is
 * already known. Without a run only strategies that need no model can answer.
 */
export const queryJobSchema = z.object({
  kind: z.literal('query'),
  projectDir: absolute,
  strategy: z.string().min(1).max(40),
  n: z.number().int().min(1).max(10_000),
  candidateIds: z.array(idSchema),
  labeledIds: z.array(idSchema),
  backbone: backboneSpecSchema,
  runId: idSchema.nullable(),
  /** Class names by class id, for the notes ("margin 0.04 between Shirt and T-shirt/top"). */
  classNames: z.record(z.string(), z.string()).default({}),
  seed: z.number().int(),
  mcPasses: z.number().int().min(2).max(100).default(10),
  batchSize: z.number().int().min(1).max(1024).default(32),
});

/**
 * How long fine-tuning the built-in network would take on this worker: the worker times the
 * cut-point network on a few dummy images and one training step, then scales by the labels
 * (`train`, `val` sample ids) and the pool it must embed again afterwards.
 */
export const fineTuneEstimateJobSchema = z.object({
  kind: z.literal('fine-tune-estimate'),
  projectDir: absolute,
  backbone: backboneSpecSchema,
  train: z.array(idSchema),
  val: z.array(idSchema),
  poolSize: z.number().int().nonnegative(),
});

export const validateJobSchema = z.object({ kind: z.literal('validate-backbone'), backbone: backboneSpecSchema });
export const capabilitiesJobSchema = z.object({ kind: z.literal('capabilities') });
export const memoryJobSchema = z.object({ kind: z.literal('memory') });
/** Test-only: refused unless the worker runs with STUDIO_ML_TEST_HOOKS=1. */
export const crashJobSchema = z.object({ kind: z.literal('crash'), how: z.enum(['abort', 'exit', 'oom', 'hang']) });

export const jobSchema = z.discriminatedUnion('kind', [
  embedJobSchema,
  trainJobSchema,
  queryJobSchema,
  fineTuneEstimateJobSchema,
  qualityJobSchema,
  mapJobSchema,
  validateJobSchema,
  capabilitiesJobSchema,
  memoryJobSchema,
  crashJobSchema,
  exportModelJobSchema,
  scoreBatchJobSchema,
]);
export type Job = z.input<typeof jobSchema>;
export type ValidJob = z.output<typeof jobSchema>;
export type JobKind = ValidJob['kind'];

export const jobProgressSchema = z.discriminatedUnion('phase', [
  z.object({ phase: z.literal('embedding'), done: z.number().int(), total: z.number().int() }),
  z.object({ phase: z.literal('fine-tuning'), epoch: epochReportSchema, epochs: z.number().int() }),
  z.object({ phase: z.literal('fine-tuning-step'), epoch: z.number().int(), epochs: z.number().int(), done: z.number().int(), total: z.number().int() }),
  z.object({ phase: z.literal('training'), epoch: epochReportSchema, epochs: z.number().int() }),
  z.object({ phase: z.literal('scoring'), done: z.number().int(), total: z.number().int() }),
  exportJobProgressSchema,
  qualityProgressSchema,
]);
export type JobProgress = z.output<typeof jobProgressSchema>;

export const embedReportSchema = z.object({
  backboneId: z.string(),
  total: z.number().int(),
  computed: z.number().int(),
  cached: z.number().int(),
  failed: z.number().int(),
  /** The first few images that could not be embedded, with the reason. */
  failures: z.array(z.object({ sampleId: z.string(), reason: z.string() })),
  executionProviders: z.array(z.string()).nullable(),
  durationMs: z.number(),
  cancelled: z.boolean(),
});
export type EmbedReport = z.output<typeof embedReportSchema>;

export const trainReportSchema = z.object({
  /** The backbone the head was trained on: the requested one, or its fine-tuned copy. */
  backbone: z.object({ id: z.string(), name: z.string(), engine: z.string(), embeddingSize: z.number().int() }),
  head: headConfigSchema,
  backend: tfBackendSchema,
  /** What trained and scored the head: "wasm-simd" (the studio's own kernels) or "tfjs-<backend>". */
  headEngine: z.string(),
  executionProviders: z.array(z.string()).nullable(),
  fineTune: fineTuneAvailabilitySchema,
  fineTuning: fineTuneReportSchema.nullable().default(null),
  /** The fine-tuned backbone the run embedded with, for the catalog to list (null when none was made). */
  tunedBackbone: backboneSpecSchema.nullable().default(null),
  warmStarted: z.boolean(),
  history: z.array(epochReportSchema),
  bestEpoch: z.number().int(),
  stoppedEarly: z.boolean(),
  metrics: z.object({ train: splitMetricsSchema, val: splitMetricsSchema.nullable() }),
  scored: z.number().int(),
  unscored: z.number().int(),
  embedding: embedReportSchema,
});
export type TrainReport = z.output<typeof trainReportSchema>;

export const queryPickSchema = z.object({ sampleId: z.string(), score: z.number(), note: z.string() });
export type QueryPick = z.output<typeof queryPickSchema>;

export const queryReportSchema = z.object({
  strategy: z.string(),
  /** Best first. */
  picks: z.array(queryPickSchema),
  /** Candidates the strategy scored. */
  scored: z.number().int(),
  /** Candidates left out, and why (unknown id, unreadable image, no probabilities, pool cut to fit memory). */
  leftOut: z.array(z.object({ reason: z.string(), count: z.number().int() })),
  /** What embedding the pool cost; null when the strategy needed no embeddings. */
  embedding: embedReportSchema.nullable(),
  durationMs: z.number(),
});
export type QueryReport = z.output<typeof queryReportSchema>;

export const validationReportSchema = z.object({
  embeddingSize: z.number().int(),
  inputName: z.string().nullable(),
  outputName: z.string().nullable(),
  executionProviders: z.array(z.string()).nullable(),
});
export type ValidationReport = z.output<typeof validationReportSchema>;

export const capabilitiesSchema = z.object({
  pid: z.number().int(),
  backend: tfBackendSchema,
  /** Execution providers onnxruntime-node offers here, and which of them can run. */
  onnx: z.object({ usable: z.array(z.string()), skipped: z.array(z.object({ name: z.string(), reason: z.string() })) }),
  fineTune: fineTuneAvailabilitySchema,
});
export type Capabilities = z.output<typeof capabilitiesSchema>;

export const fineTuneEstimateSchema = z.object({
  backend: z.string(),
  trains: z.string(),
  /** Images whose cut-point activations are not cached yet, and the seconds to compute them. */
  toCache: z.number().int(),
  cacheSeconds: z.number(),
  maxEpochs: z.number().int(),
  secondsPerEpoch: z.number(),
  /** Re-embedding the whole pool with the fine-tuned network. */
  embedSeconds: z.number(),
  /** Everything at most (early stopping usually ends sooner). */
  totalSeconds: z.number(),
});
export type FineTuneEstimate = z.output<typeof fineTuneEstimateSchema>;

export const memoryReportSchema = z.object({ numTensors: z.number().int(), numBytes: z.number(), rssBytes: z.number() });
export type MemoryReport = z.output<typeof memoryReportSchema>;

export const jobResultSchemas = {
  embed: embedReportSchema,
  train: trainReportSchema,
  query: queryReportSchema,
  'fine-tune-estimate': fineTuneEstimateSchema,
  quality: qualityJobResultSchema,
  map: mapJobResultSchema,
  'validate-backbone': validationReportSchema,
  capabilities: capabilitiesSchema,
  memory: memoryReportSchema,
  crash: z.never(),
  'export-model': exportModelReportSchema,
  'score-batch': scoreBatchReportSchema,
} as const;
export type JobResultOf<K extends JobKind> = z.output<(typeof jobResultSchemas)[K]>;
export type JobOf<K extends JobKind> = Extract<Job, { kind: K }>;
/** A job after validation, defaults filled in: what the worker's handlers receive. */
export type ValidJobOf<K extends JobKind> = Extract<ValidJob, { kind: K }>;

/** Host → worker. */
export const hostMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('start'), jobId: z.number().int(), job: jobSchema }),
  z.object({ type: z.literal('cancel'), jobId: z.number().int() }),
]);
export type HostMessage = z.input<typeof hostMessageSchema>;

export const workerErrorSchema = z.object({ code: z.enum(errorCodes), message: z.string(), hint: z.string().optional() });

/** Worker → host. Results are validated again against their job's result schema. */
export const workerMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), pid: z.number().int(), backend: tfBackendSchema }),
  z.object({ type: z.literal('progress'), jobId: z.number().int(), progress: jobProgressSchema }),
  z.object({ type: z.literal('done'), jobId: z.number().int(), result: z.unknown() }),
  z.object({ type: z.literal('failed'), jobId: z.number().int(), error: workerErrorSchema }),
]);
export type WorkerMessage = z.output<typeof workerMessageSchema>;
