import { z } from 'zod';
import { splitSchema } from '../../../../shared/contract/schemas';
import { writeFileDurably } from '../../storage/durableWrite';
import type { ImportedLabelRecord, LabelRecord } from '../labelRecords';
import { LabelFileError } from './fields';
import type { LabelFormat } from './types';

const rowSchema = z.object({
  path: z.string().min(1),
  relative_path: z.string().optional(),
  label: z.string().nullable(),
  annotator: z.string().nullable().optional(),
  time: z.string().nullable().optional(),
  seconds: z.number().nonnegative().nullable().optional(),
  split: splitSchema.optional(),
  flagged: z.boolean().optional(),
  comment: z.string().optional(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
});

/** JSON lines: one object per sample with the CSV's columns as keys and typed values. */
export const jsonlFormat: LabelFormat = {
  name: 'jsonl',
  writes: 'file',
  async write(records: readonly LabelRecord[], out: string, { onProgress }) {
    const lines = records.map((r, i) => {
      if (i % 1000 === 999) onProgress?.(i + 1, records.length);
      const row: z.input<typeof rowSchema> = {
        path: r.path,
        relative_path: r.relativePath,
        label: r.label,
        annotator: r.annotator,
        time: r.time,
        seconds: r.seconds,
        split: r.split,
        flagged: r.flagged,
        comment: r.comment,
        sha256: r.sha256,
      };
      return JSON.stringify(row);
    });
    await writeFileDurably(out, lines.length ? `${lines.join('\n')}\n` : '');
    return { written: records.length, skipped: 0, notes: [] };
  },
  read(text: string, file: string): ImportedLabelRecord[] {
    const out: ImportedLabelRecord[] = [];
    text.split('\n').forEach((raw, i) => {
      if (raw.trim() === '') return;
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch {
        throw new LabelFileError(file, i + 1, 'the line is not JSON');
      }
      const row = rowSchema.safeParse(json);
      if (!row.success) throw new LabelFileError(file, i + 1, `${row.error.issues[0].path.join('.') || 'the line'}: ${row.error.issues[0].message}`);
      const r = row.data;
      if (r.time && Number.isNaN(Date.parse(r.time))) throw new LabelFileError(file, i + 1, `time "${r.time}" is not a date and time`);
      out.push({ path: r.path, relativePath: r.relative_path, sha256: r.sha256, label: r.label, annotator: r.annotator ?? null, time: r.time ?? null, seconds: r.seconds ?? null, split: r.split, flagged: r.flagged ?? false, comment: r.comment ?? '' });
    });
    return out;
  },
  sniff: (text) => text.trimStart().startsWith('{'),
};
