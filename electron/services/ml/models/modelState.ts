import { z } from 'zod';
import { backboneCardSchema } from '../../../../shared/ml/cards';
import { integritySchema } from '../../../../shared/ml/catalog';

/**
 * `models/models.json` in the cache folder: what was downloaded (with the hash that is now
 * pinned for it) and which local models were added. Kept even when a model file is deleted,
 * so a later download is still checked against the first one.
 */
export const modelStateSchema = z.object({
  schemaVersion: z.literal(1),
  downloads: z.record(
    z.string(),
    z.object({ sha256: z.string(), integrity: integritySchema, bytes: z.number().int(), url: z.string(), at: z.string() }),
  ),
  local: z.record(
    z.string(),
    z.object({ card: backboneCardSchema, path: z.string(), source: z.string(), addedAt: z.string(), sha256: z.string(), bytes: z.number().int() }),
  ),
});
export type ModelState = z.output<typeof modelStateSchema>;
