import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { StudioError } from '../../../shared/contract/channel';
import type { ImportRequestValid } from './types';
import { isCode } from '../storage/durableWrite';
import { CsvSyntaxError, parseCsv } from './csv';
import type { FoundFile } from './walk';

/** Where imported labels come from: nowhere, the first-level folder names, or a CSV file. */
export interface LabelSource {
  labelFor(file: FoundFile): string | null;
  /** CSV rows that name no file of this import (0 for other sources). */
  unmatchedRows(seenPaths: ReadonlySet<string>): number;
}

const noLabels: LabelSource = { labelFor: () => null, unmatchedRows: () => 0 };
const maxCsvBytes = 200 * 1024 * 1024;
const pathHeaders = new Set(['path', 'file', 'filename', 'file_name', 'filepath', 'file_path', 'image', 'image_path']);
const labelHeaders = new Set(['label', 'class', 'class_name', 'classname', 'category', 'target']);

/** Class names may not hold commas or control characters, nor pass 80 characters. */
export function cleanLabel(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const cleaned = raw.replace(/[\u0000-\u001f\u007f,]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 80).trim();
  return cleaned === '' ? null : cleaned;
}

/** Reads and checks the whole CSV first, so a malformed file stops the import before any change. */
export async function loadLabelSource(request: ImportRequestValid): Promise<LabelSource> {
  if (request.labelsFrom === 'folders') return { labelFor: (file) => cleanLabel(file.topFolder), unmatchedRows: () => 0 };
  if (request.labelsFrom !== 'csv') return noLabels;
  if (!request.csvPath) {
    throw new StudioError('invalid-request', 'Labels from a CSV file were asked for, but no CSV file was given.', 'Choose the CSV file with rows `path,label`.');
  }
  const labels = await readCsvLabels(request.csvPath);
  return {
    labelFor: (file) => labels.get(file.path) ?? labels.get(file.realPath) ?? null,
    unmatchedRows: (seen) => [...labels.keys()].filter((path) => !seen.has(path)).length,
  };
}

async function readCsvLabels(csvPath: string): Promise<Map<string, string | null>> {
  let bytes: Buffer;
  try {
    bytes = await readFile(csvPath);
  } catch (error) {
    if (isCode(error, 'ENOENT')) throw new StudioError('not-found', `The labels file ${csvPath} does not exist.`, 'Check the path of the CSV file.');
    throw new StudioError('io', `The labels file ${csvPath} could not be read: ${(error as Error).message}`);
  }
  const malformed = (line: number | null, problem: string): StudioError =>
    new StudioError(
      'invalid-request',
      `The labels file ${csvPath} is malformed${line ? ` at line ${line}` : ''}: ${problem}. Nothing was imported.`,
      'Each row must be `path,label` (an optional header row `path,label` first); put a label holding a comma in double quotes.',
    );
  if (bytes.length > maxCsvBytes) throw malformed(null, 'it is larger than 200 MiB');
  if (bytes.includes(0)) throw malformed(null, 'it is not a text file');
  let records;
  try {
    records = parseCsv(bytes.toString('utf8'));
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw malformed(error.line, error.message);
    throw error;
  }
  const first = records[0];
  if (first && pathHeaders.has(first.fields[0]?.trim().toLowerCase()) && labelHeaders.has(first.fields[1]?.trim().toLowerCase() ?? '')) {
    records.shift();
  }
  const base = dirname(csvPath);
  const labels = new Map<string, string | null>();
  for (const { line, fields } of records) {
    if (fields.length !== 2) throw malformed(line, `expected 2 columns (path,label) but found ${fields.length}`);
    const path = fields[0].trim();
    if (path === '') throw malformed(line, 'the path is empty');
    labels.set(isAbsolute(path) ? resolve(path) : resolve(base, path), cleanLabel(fields[1]));
  }
  return labels;
}
