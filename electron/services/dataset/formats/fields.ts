import { splitSchema } from '../../../../shared/contract/schemas';
import type { ImportedLabelRecord, LabelRecord } from '../labelRecords';

/** A labels file that cannot be read as its format says: names the file, the line and the problem. */
export class LabelFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly problem: string,
  ) {
    super(`The labels file ${file} is malformed${line ? ` at line ${line}` : ''}: ${problem}.`);
  }
}

/** A record as text fields, as CSV writes them (JSON formats write the typed values). */
export function toFileFields(r: LabelRecord): Record<'path' | 'relative_path' | 'label' | 'annotator' | 'time' | 'seconds' | 'split' | 'flagged' | 'comment' | 'sha256', string> {
  return {
    path: r.path,
    relative_path: r.relativePath,
    label: r.label ?? '',
    annotator: r.annotator ?? '',
    time: r.time ?? '',
    seconds: r.seconds === null ? '' : String(r.seconds),
    split: r.split,
    flagged: r.flagged ? 'true' : 'false',
    comment: r.comment,
    sha256: r.sha256,
  };
}

/** Checks and types one row's text fields; a bad value names its line. */
export function fromFileFields(f: Record<string, string | undefined>, file: string, line: number | null): ImportedLabelRecord {
  const fail = (problem: string): never => {
    throw new LabelFileError(file, line, problem);
  };
  const path = f.path ?? '';
  if (path.trim() === '') fail('the path is empty');
  const seconds = f.seconds ? Number(f.seconds) : null;
  if (seconds !== null && !(seconds >= 0)) fail(`seconds "${f.seconds}" is not a number of seconds`);
  const split = f.split ? splitSchema.safeParse(f.split) : null;
  if (split && !split.success) fail(`split "${f.split}" is not train, val or test`);
  if (f.flagged && !['true', 'false', '1', '0', ''].includes(f.flagged.toLowerCase())) fail(`flagged "${f.flagged}" is not true or false`);
  if (f.time && Number.isNaN(Date.parse(f.time))) fail(`time "${f.time}" is not a date and time`);
  if (f.sha256 && !/^[0-9a-f]{64}$/.test(f.sha256)) fail('sha256 is not 64 hex digits');
  return {
    path,
    relativePath: f.relative_path || undefined,
    sha256: f.sha256 || undefined,
    label: f.label ? f.label : null,
    annotator: f.annotator || null,
    time: f.time || null,
    seconds,
    split: split?.success ? split.data : undefined,
    flagged: f.flagged ? ['true', '1'].includes(f.flagged.toLowerCase()) : false,
    comment: f.comment ?? '',
  };
}
