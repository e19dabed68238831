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

/**
 * How many records the journals held when studio.json was last written (a lower bound: they
 * only grow). A journal found holding fewer was deleted, emptied or cut short, and opening
 * stops with a recovery choice instead of showing an emptier project.
 */
export const journalCountsSchema = z.strictObject({
  samples: z.number().int().nonnegative(),
  labels: z.number().int().nonnegative(),
});
export type JournalCounts = z.infer<typeof journalCountsSchema>;

/** studio.json: the project itself and its class schema (changes rarely). Unknown keys are refused. */
export const projectDocSchema = z.strictObject({
  schemaVersion: z.number().int().positive(),
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  seed: z.number().int(),
  splitRatios: z.strictObject({ train: z.number(), val: z.number(), test: z.number() }),
  classes: z.array(classDefSchema),
  journals: journalCountsSchema.optional(),
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
  // The storage layer rethrows errors by this name: an older generation must not hide it.
  override name = 'NewerSchemaError';
  constructor(readonly version: number) {
    super(`made by a newer studio (schema ${version}; this studio reads up to ${PROJECT_SCHEMA_VERSION})`);
  }
}
