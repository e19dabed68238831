import type { z } from 'zod';
import type { importRequestSchema, ImportProgress } from '../../../shared/contract/imports';
import type { ImportLimits } from './limits';
import type { Rejected } from './rejection';
import type { FileLabel } from './labelSources';

/** An import request after validation (defaults filled in). */
export type ImportRequestValid = z.output<typeof importRequestSchema>;

export interface ImportOptions {
  /** Aborting stops the import soon; every sample committed so far stays. */
  signal?: AbortSignal;
  /** Called at most about ten times a second, and once at the end of each phase. */
  onProgress?(progress: ImportProgress): void;
  /** Who the imported label decisions are recorded for (default `import`). */
  annotator?: string;
  /** Carried in progress events so the UI can tell imports apart. */
  jobId?: string;
  limits?: Partial<ImportLimits>;
}

/** A file that passed every check, ready to become a sample. */
export interface PreparedSample {
  path: string;
  relativePath: string;
  hash: string;
  dhash: string;
  fineHash: string;
  width: number;
  height: number;
  format: string;
  bytes: number;
  importedLabel: string | null;
  /** What a labels file or ImageFolder layout states beyond the label: kept out of the sample record. */
  stated?: FileLabel['stated'];
}

/** What became of one file. */
export type FileOutcome =
  | { kind: 'prepared'; sample: PreparedSample }
  | { kind: 'duplicate'; path: string; hash: string; duplicateOf: string }
  | { kind: 'rejected'; rejected: Rejected };
