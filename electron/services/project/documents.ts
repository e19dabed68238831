import { z } from 'zod';
import { classDefSchema } from '../../../shared/domain/records';

/** The project schema version this studio writes. Older versions are migrated on open. */
export const PROJECT_SCHEMA_VERSION = 1;

/** Names of the files that make up a project folder. */
export const projectFiles = {
  project: 'studio.json',
  samples: 'samples.jsonl',
  labels: 'labels.jsonl',
  runs: 'runs.json',
  lock: '.studio.lock',
  thumbnails: 'thumbs',
  cache: 'cache',
} as const;

/** studio.json: the project itself and its class schema (changes rarely). */
export const projectDocSchema = z.object({
  schemaVersion: z.number().int().positive(),
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  seed: z.number().int(),
  splitRatios: z.object({ train: z.number(), val: z.number(), test: z.number() }),
  classes: z.array(classDefSchema),
});
export type ProjectDoc = z.infer<typeof projectDocSchema>;

export function parseProjectDoc(json: unknown): ProjectDoc {
  const version = (json as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version === 'number' && version > PROJECT_SCHEMA_VERSION) {
    throw new NewerSchemaError(version);
  }
  return projectDocSchema.parse(json);
}

export class NewerSchemaError extends Error {
  constructor(readonly version: number) {
    super(`made by a newer studio (schema ${version}; this studio reads up to ${PROJECT_SCHEMA_VERSION})`);
  }
}
