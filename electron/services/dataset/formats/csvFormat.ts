import { writeFileDurably } from '../../storage/durableWrite';
import { parseCsv } from '../../ingest/csv';
import type { ImportedLabelRecord, LabelRecord } from '../labelRecords';
import { fromFileFields, LabelFileError, toFileFields } from './fields';
import type { LabelFormat } from './types';

/** Column names, in order; a file with this header row is read back column by column. */
export const csvColumns = ['path', 'relative_path', 'label', 'annotator', 'time', 'seconds', 'split', 'flagged', 'comment', 'sha256'] as const;

/** RFC 4180 quoting: a field with a comma, quote, line break or edge space goes in quotes, "" for a quote. */
function quote(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * CSV, one row per sample with a header row. Paths, labels and comments may hold commas,
 * quotes, line breaks and any Unicode; they are quoted, and read back exactly.
 */
export const csvFormat: LabelFormat = {
  name: 'csv',
  writes: 'file',
  async write(records: readonly LabelRecord[], out: string, { onProgress }) {
    const lines = [csvColumns.join(',')];
    records.forEach((record, i) => {
      const fields = toFileFields(record);
      lines.push(csvColumns.map((c) => quote(fields[c])).join(','));
      if (i % 1000 === 999) onProgress?.(i + 1, records.length);
    });
    await writeFileDurably(out, `${lines.join('\r\n')}\r\n`);
    return { written: records.length, skipped: 0, notes: [] };
  },
  read(text: string, file: string): ImportedLabelRecord[] {
    const records = parseCsv(text);
    const header = records[0]?.fields.map((f) => f.trim().toLowerCase());
    if (!header || !csvColumns.every((c) => header.includes(c))) throw new LabelFileError(file, null, `its header row must name the columns ${csvColumns.join(',')}`);
    const at = new Map(header.map((name, i) => [name, i]));
    return records.slice(1).map(({ line, fields }) => {
      if (fields.length !== header.length) throw new LabelFileError(file, line, `expected ${header.length} columns but found ${fields.length}`);
      return fromFileFields(Object.fromEntries(csvColumns.map((c) => [c, fields[at.get(c)!]])), file, line);
    });
  },
  sniff: (text) => {
    const firstLine = text.replace(/^\ufeff/, '').split(/\r?\n/, 1)[0].toLowerCase();
    return csvColumns.every((c) => firstLine.split(',').map((f) => f.trim()).includes(c));
  },
};
