import { basename, isAbsolute, resolve } from 'node:path';
import type { ImportedLabelRecord } from '../dataset/labelRecords';
import type { FoundFile } from './walk';

/**
 * Rows of a labels file, matched to the files of an import: by content hash when the file
 * states one (so moved images still match), else by absolute path (relative paths are read
 * from the labels file's folder), relative path, or a file name that only one row has
 * (Label Studio prefixes uploaded names with `xxxxxxxx-`; that prefix is ignored too).
 */
export class LabelFileRows {
  private readonly bySha = new Map<string, ImportedLabelRecord>();
  private readonly byPath = new Map<string, ImportedLabelRecord>();
  private readonly byRelative = new Map<string, ImportedLabelRecord>();
  private readonly byName = new Map<string, ImportedLabelRecord | null>();
  private readonly matched = new Set<ImportedLabelRecord>();

  constructor(
    private readonly rows: readonly ImportedLabelRecord[],
    base: string,
  ) {
    for (const row of rows) {
      if (row.sha256) this.bySha.set(row.sha256, row);
      const absolute = /^[a-z]+:\/\//i.test(row.path) ? row.path : isAbsolute(row.path) ? resolve(row.path) : resolve(base, row.path);
      this.byPath.set(absolute, row);
      if (row.relativePath) this.byRelative.set(row.relativePath, row);
      for (const name of namesOf(row.path)) this.byName.set(name, this.byName.has(name) ? null : row);
    }
  }

  find(file: FoundFile, hash: string): ImportedLabelRecord | null {
    const row =
      this.bySha.get(hash) ??
      this.byPath.get(file.path) ??
      this.byPath.get(file.realPath) ??
      this.byRelative.get(file.relativePath) ??
      this.byName.get(basename(file.path)) ??
      null;
    if (row) this.matched.add(row);
    return row;
  }

  /** Rows no file of the import matched. */
  get unmatched(): number {
    return this.rows.length - this.matched.size;
  }
}

function namesOf(path: string): string[] {
  const name = basename(path.replace(/\\/g, '/'));
  const stripped = name.replace(/^[0-9a-f]{8}-/, '');
  return stripped === name ? [name] : [name, stripped];
}
