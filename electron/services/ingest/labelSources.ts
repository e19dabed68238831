import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { StudioError } from '../../../shared/contract/channel';
import type { ImportRequestValid } from './types';
import { isCode } from '../storage/durableWrite';
import { CsvSyntaxError, parseCsv } from './csv';
import type { Split } from '../../../shared/contract/schemas';
import type { ImportedLabelRecord } from '../dataset/labelRecords';
import { sniffLabelFormat } from '../dataset/formats';
import { LabelFileError } from '../dataset/formats/fields';
import { LabelFileRows } from './labelFileSource';
import type { FoundFile } from './walk';

/**
 * What a labels source says about one file: its label, and where the source states them
 * (a labels file exported by a studio, or an ImageFolder layout) the split, annotator, time,
 * seconds, flag and comment to restore.
 */
export interface FileLabel {
  label: string | null;
  stated?: Omit<ImportedLabelRecord, 'path' | 'label' | 'relativePath' | 'sha256'>;
}

/** Where imported labels come from: nowhere, the folder names, or a labels file. */
export interface LabelSource {
  labelFor(file: FoundFile, hash: string): FileLabel | null;
  /** Labels-file rows that name no file of this import (0 for other sources). */
  unmatchedRows(seenPaths: ReadonlySet<string>): number;
}

const noLabels: LabelSource = { labelFor: () => null, unmatchedRows: () => 0 };
const maxLabelsBytes = 200 * 1024 * 1024;
const pathHeaders = new Set(['path', 'file', 'filename', 'file_name', 'filepath', 'file_path', 'image', 'image_path']);
const labelHeaders = new Set(['label', 'class', 'class_name', 'classname', 'category', 'target']);

/** Class names may not hold commas or control characters, nor pass 80 characters. */
export function cleanLabel(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const cleaned = raw.replace(/[\u0000-\u001f\u007f,]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 80).trim();
  return cleaned === '' ? null : cleaned;
}

/** Top folders that mean "the ImageFolder layout": `<split>/<class>/<image>`. */
const splitFolders = new Map<string, Split>([['train', 'train'], ['val', 'val'], ['valid', 'val'], ['validation', 'val'], ['test', 'test']]);

/** Class from the first folder level, or from the second under `train/ val/ test/` (the split then comes from the first). */
export function folderLabel(file: FoundFile): FileLabel | null {
  const parts = file.relativePath.split('/');
  const split = file.topFolder ? splitFolders.get(file.topFolder.toLowerCase()) : undefined;
  if (split && parts.length >= 3) return { label: cleanLabel(parts[1]), stated: { split } };
  const label = cleanLabel(file.topFolder);
  return label === null ? null : { label };
}

/** Reads and checks the whole labels file first, so a malformed file stops the import before any change. */
export async function loadLabelSource(request: ImportRequestValid): Promise<LabelSource> {
  if (request.labelsFrom === 'folders') return { labelFor: folderLabel, unmatchedRows: () => 0 };
  if (request.labelsFrom !== 'csv' && request.labelsFrom !== 'file') return noLabels;
  const path = request.labelsFile ?? request.csvPath;
  if (!path) {
    throw new StudioError('invalid-request', 'Labels from a file were asked for, but no labels file was given.', 'Choose the labels file: a CSV (path,label), JSON lines or a Label Studio JSON export.');
  }
  const text = await readLabelsText(path);
  const format = sniffLabelFormat(text, path);
  if (format?.read) {
    let rows;
    try {
      rows = format.read(text, path);
    } catch (error) {
      if (error instanceof LabelFileError) throw new StudioError('invalid-request', `${error.message} Nothing was imported.`, hintFor(format.name));
      if (error instanceof CsvSyntaxError) throw new StudioError('invalid-request', `${new LabelFileError(path, error.line, error.message).message} Nothing was imported.`, hintFor(format.name));
      throw error;
    }
    const matched = new LabelFileRows(rows, dirname(path));
    return {
      labelFor: (file, hash) => {
        const row = matched.find(file, hash);
        if (!row) return null;
        const { path: _path, label, relativePath: _relative, sha256: _sha, ...stated } = row;
        return { label: cleanLabel(label), stated };
      },
      unmatchedRows: () => matched.unmatched,
    };
  }
  const labels = parseCsvLabels(text, path);
  return {
    labelFor: (file) => {
      const label = labels.get(file.path) ?? labels.get(file.realPath);
      return label === undefined ? null : { label };
    },
    unmatchedRows: (seen) => [...labels.keys()].filter((p) => !seen.has(p)).length,
  };
}

function hintFor(format: string): string {
  if (format === 'csv') return 'Export the labels again, or fix the named line: quote a field holding a comma, quote or line break, with "" for a quote.';
  if (format === 'jsonl') return 'Each line must be one JSON object with at least "path" and "label".';
  return 'Use the JSON export of a Label Studio image classification project (Choices), or a studio export.';
}

async function readLabelsText(path: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if (isCode(error, 'ENOENT')) throw new StudioError('not-found', `The labels file ${path} does not exist.`, 'Check the path of the labels file.');
    throw new StudioError('io', `The labels file ${path} could not be read: ${(error as Error).message}`);
  }
  if (bytes.length > maxLabelsBytes) throw plainCsvError(path, null, 'it is larger than 200 MiB');
  if (bytes.includes(0)) throw plainCsvError(path, null, 'it is not a text file');
  return bytes.toString('utf8');
}

function plainCsvError(path: string, line: number | null, problem: string): StudioError {
  return new StudioError(
    'invalid-request',
    `The labels file ${path} is malformed${line ? ` at line ${line}` : ''}: ${problem}. Nothing was imported.`,
    'Each row must be `path,label` (an optional header row `path,label` first); put a label holding a comma in double quotes.',
  );
}

/** The plain two-column CSV: `path,label`, an optional header row. */
function parseCsvLabels(text: string, csvPath: string): Map<string, string | null> {
  let records;
  try {
    records = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw plainCsvError(csvPath, error.line, error.message);
    throw error;
  }
  const first = records[0];
  if (first && pathHeaders.has(first.fields[0]?.trim().toLowerCase()) && labelHeaders.has(first.fields[1]?.trim().toLowerCase() ?? '')) {
    records.shift();
  }
  const base = dirname(csvPath);
  const labels = new Map<string, string | null>();
  for (const { line, fields } of records) {
    if (fields.length !== 2) throw plainCsvError(csvPath, line, `expected 2 columns (path,label) but found ${fields.length}`);
    const path = fields[0].trim();
    if (path === '') throw plainCsvError(csvPath, line, 'the path is empty');
    labels.set(isAbsolute(path) ? resolve(path) : resolve(base, path), cleanLabel(fields[1]));
  }
  return labels;
}
