import { z } from 'zod';
import { idSchema } from '../contract/schemas';
import { backboneSpecSchema } from './cards';

/**
 * Predicts a new-data batch with a run: embed its images (into the project's embedding
 * cache, so moving them into the project later costs nothing), run the run's saved head,
 * and write the probabilities into `outDir` in the run-file format.
 */
export const scoreBatchJobSchema = z.object({
  kind: z.literal('score-batch'),
  projectDir: z.string().min(1).max(4096),
  runId: idSchema,
  /** The run's class ids, in its column order. */
  classIds: z.array(idSchema).min(2).max(1000),
  backbone: backboneSpecSchema,
  images: z.array(z.object({ id: idSchema, path: z.string().min(1).max(4096), hash: z.string().regex(/^[0-9a-f]{64}$/) })).max(500_000),
  outDir: z.string().min(1).max(4096),
  batchSize: z.number().int().min(1).max(1024).default(32),
});

export const scoreBatchReportSchema = z.object({
  scored: z.number().int(),
  failed: z.number().int(),
  failures: z.array(z.object({ sampleId: z.string(), reason: z.string() })),
});
export type ScoreBatchReport = z.output<typeof scoreBatchReportSchema>;
