import { z } from 'zod';

/**
 * A run's class probabilities live in `runs/<runId>/`: `probabilities.f32` holds
 * `sampleIds.length × classIds.length` little-endian float32 values, one row per sample in
 * the order of `sampleIds`; `probabilities.json` (this schema) names the rows and columns.
 * The JSON is written last, so a run folder without it was never finished.
 */
export const probabilityIndexSchema = z.object({
  format: z.literal('studio-probabilities/1'),
  runId: z.string(),
  classIds: z.array(z.string()),
  sampleIds: z.array(z.string()),
  /** sha256 of the .f32 file, checked on read so a damaged file is never shown as scores. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type ProbabilityIndex = z.output<typeof probabilityIndexSchema>;

export const probabilityFiles = {
  values: 'probabilities.f32',
  index: 'probabilities.json',
  head: 'head.json',
} as const;
