import { z } from 'zod';
import { idSchema } from '../contract/schemas';
import { backboneSpecSchema } from './cards';
import { headConfigSchema } from './runs';

const absolute = z.string().min(1).max(4096);

/**
 * How the data checks run. `folds`: the k of the out-of-fold pass behind suspected label
 * errors. `nearDuplicateCosine`: two images are near-duplicates when their mean-centred
 * embeddings have at least this cosine similarity. `dhashDistance`: before embeddings exist,
 * images whose difference hashes differ in at most this many of 64 bits (images under 64 px
 * use at most 1, as their hashes are too coarse). `outlierNeighbours`: the k of the
 * k-nearest-neighbour distance to labeled classes; `outlierScore`: how many times a class's
 * usual spread a sample must lie from every class to be listed.
 */
export const qualitySettingsSchema = z.object({
  folds: z.number().int().min(2).max(20).default(5),
  nearDuplicateCosine: z.number().min(0.8).max(1).default(0.95),
  dhashDistance: z.number().int().min(0).max(16).default(4),
  outlierNeighbours: z.number().int().min(1).max(50).default(5),
  outlierScore: z.number().min(1).max(100).default(1.6),
});
export type QualitySettings = z.output<typeof qualitySettingsSchema>;
export const defaultQualitySettings: QualitySettings = qualitySettingsSchema.parse({});

/**
 * The data checks after a run, in the worker: out-of-fold probabilities for every labeled
 * sample (every split) with the run's head configuration, confident learning on them,
 * near-duplicate groups by embedding and outliers by k-NN distance to the labeled classes.
 * The worker writes the full report beside the run (`quality/<runId>/report.json`).
 */
export const qualityJobSchema = z.object({
  kind: z.literal('quality'),
  projectDir: absolute,
  runId: idSchema,
  backbone: backboneSpecSchema,
  head: headConfigSchema,
  classIds: z.array(idSchema).min(2).max(1000),
  /** [sampleId, classIndex] for every labeled sample, whatever its split. */
  labels: z.array(z.tuple([idSchema, z.number().int().nonnegative()])),
  settings: qualitySettingsSchema,
  seed: z.number().int().default(1),
  batchSize: z.number().int().min(1).max(1024).default(32),
});

/** The 2-D embedding map: PCA at once, then UMAP (each written as soon as it is done). */
export const mapJobSchema = z.object({
  kind: z.literal('map'),
  projectDir: absolute,
  backbone: backboneSpecSchema,
  /** Stop after PCA (tests, very small projects). */
  method: z.enum(['pca', 'umap']).default('umap'),
  neighbours: z.number().int().min(2).max(100).default(15),
  seed: z.number().int().default(1),
  batchSize: z.number().int().min(1).max(1024).default(32),
});

export const qualityStepSchema = z.enum(['embedding', 'label-check', 'duplicates', 'outliers', 'pca', 'neighbours', 'umap']);
export type QualityStep = z.output<typeof qualityStepSchema>;
export const qualityProgressSchema = z.object({ phase: z.literal('quality'), step: qualityStepSchema, done: z.number().int(), total: z.number().int() });
export type QualityProgress = z.output<typeof qualityProgressSchema>;

export const suspectSchema = z.object({
  sampleId: idSchema,
  /** The label the sample had when checked. */
  given: idSchema,
  /** The class the out-of-fold model finds most probable. */
  suggested: idSchema,
  /** Out-of-fold probability of the given label: the ranking score, lower is more suspicious. */
  selfConfidence: z.number(),
  suggestedProbability: z.number(),
  /** The given class's confident-learning threshold (its labels' mean self-confidence). */
  threshold: z.number(),
});
export type Suspect = z.output<typeof suspectSchema>;

export const duplicateGroupSchema = z.object({
  ids: z.array(idSchema).min(2),
  kind: z.enum(['exact', 'near']),
  /** What found it: embedding cosine, or the difference hash before embeddings exist. */
  source: z.enum(['embedding', 'dhash']),
  /** Lowest cosine (embedding) or largest bit distance (dhash) of the links that made the group. */
  closeness: z.number(),
});
export type DuplicateGroup = z.output<typeof duplicateGroupSchema>;

export const outlierSchema = z.object({ sampleId: idSchema, score: z.number(), nearestClassId: idSchema });
export type Outlier = z.output<typeof outlierSchema>;

/** What the worker writes after the checks of one run. */
export const qualityReportSchema = z.object({
  format: z.literal('studio-quality/1'),
  runId: idSchema,
  backboneId: z.string(),
  createdAt: z.string(),
  classIds: z.array(idSchema),
  settings: qualitySettingsSchema,
  /** Labeled samples the out-of-fold pass scored (those with an embedding). */
  checked: z.number().int(),
  /** Worst first. */
  suspects: z.array(suspectSchema),
  /** Biggest first. */
  duplicateGroups: z.array(duplicateGroupSchema),
  /** Farthest first; only those at or above `settings.outlierScore`. */
  outliers: z.array(outlierSchema),
  /** Outlier distances are measured on this many principal axes, keeping this share of the variance. */
  outlierSpace: z.object({ components: z.number().int(), varianceKept: z.number() }),
  timings: z.object({ outOfFoldMs: z.number(), duplicatesMs: z.number(), outliersMs: z.number() }),
});
export type QualityReport = z.output<typeof qualityReportSchema>;

export const qualityJobResultSchema = z.object({
  runId: idSchema,
  checked: z.number().int(),
  suspects: z.number().int(),
  duplicateGroups: z.number().int(),
  outliers: z.number().int(),
  durationMs: z.number(),
});

/** The 2-D map as the worker writes it: one point per embedded sample, coordinates in [0, 1]. */
export const embeddingMapSchema = z.object({
  format: z.literal('studio-map/1'),
  backboneId: z.string(),
  method: z.enum(['pca', 'umap']),
  createdAt: z.string(),
  sampleIds: z.array(idSchema),
  x: z.array(z.number()),
  y: z.array(z.number()),
});
export type EmbeddingMap = z.output<typeof embeddingMapSchema>;

export const mapJobResultSchema = z.object({ method: z.enum(['pca', 'umap']), points: z.number().int(), pcaMs: z.number(), umapMs: z.number().nullable() });
