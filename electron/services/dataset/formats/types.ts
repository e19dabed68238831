import type { ImportedLabelRecord, LabelRecord } from '../labelRecords';

import type { LabelFormatName } from '../../../../shared/contract/dataset';

export { labelFormatNames, type LabelFormatName } from '../../../../shared/contract/dataset';

export interface ExportContext {
  signal?: AbortSignal;
  /** Called as records are written: done of total. */
  onProgress?(done: number, total: number): void;
}

/**
 * One label file format: how records are written to `out` (a file, or a folder for
 * ImageFolder) and read back. Formats are a registry (`formats/index.ts`), one file each.
 */
export interface LabelFormat {
  name: LabelFormatName;
  /** What `--out` names: a file, or a folder to create. */
  writes: 'file' | 'folder';
  /** Writes every record; returns what the user should be told (e.g. unlabeled samples left out). */
  write(records: readonly LabelRecord[], out: string, context: ExportContext): Promise<{ written: number; skipped: number; notes: string[] }>;
  /** Parses a file in this format (folder formats are read by the importer's folder walk). */
  read?(text: string, file: string): ImportedLabelRecord[];
  /** Whether `text` (the start of a file) looks like this format. */
  sniff?(text: string, file: string): boolean;
}
