import { z } from 'zod';
import { splitSchema } from '../../../../shared/contract/schemas';
import { writeFileDurably } from '../../storage/durableWrite';
import type { ImportedLabelRecord, LabelRecord } from '../labelRecords';
import { LabelFileError } from './fields';
import type { LabelFormat } from './types';

/** Label Studio serves files from local storage at this prefix; the path follows, URL-encoded. */
const localFilesPrefix = '/data/local-files/?d=';

const resultSchema = z.object({ type: z.string(), value: z.object({ choices: z.array(z.string()).optional() }).passthrough() }).passthrough();
const annotationSchema = z
  .object({
    result: z.array(resultSchema),
    was_cancelled: z.boolean().optional(),
    created_at: z.string().optional(),
    updated_at: z.string().optional(),
    lead_time: z.number().nullable().optional(),
    completed_by: z.union([z.number(), z.string(), z.object({ email: z.string().optional() }).passthrough()]).nullable().optional(),
  })
  .passthrough();
const taskSchema = z
  .object({
    data: z.record(z.string(), z.unknown()),
    meta: z.record(z.string(), z.unknown()).nullable().optional(),
    annotations: z.array(annotationSchema).optional(),
  })
  .passthrough();

/**
 * Label Studio's JSON export for image classification: an array of tasks, each with
 * `data.image` and annotations whose result is a `choices` value (a `<Choices name="choice"
 * toName="image">` config). The studio's own fields (split, content hash, relative path,
 * flag, comment, annotator) ride in `data.studio_*` and `meta.studio_*`, which Label Studio
 * keeps and ignores. Reading accepts Label Studio's own exports too (local-storage and
 * upload paths, numeric annotator ids).
 */
export const labelStudioFormat: LabelFormat = {
  name: 'label-studio',
  writes: 'file',
  async write(records: readonly LabelRecord[], out: string, { onProgress }) {
    const tasks = records.map((r, i) => {
      if (i % 1000 === 999) onProgress?.(i + 1, records.length);
      const annotation = r.label === null ? [] : [
        {
          id: i + 1,
          result: [{ id: `choice-${i + 1}`, type: 'choices', from_name: 'choice', to_name: 'image', origin: 'manual', value: { choices: [r.label] } }],
          was_cancelled: false,
          ground_truth: false,
          created_at: r.time,
          updated_at: r.time,
          lead_time: r.seconds,
          task: i + 1,
        },
      ];
      return {
        id: i + 1,
        data: { image: r.path, studio_relative_path: r.relativePath, studio_sha256: r.sha256, studio_split: r.split },
        meta: { studio_annotator: r.annotator, studio_time: r.time, studio_flagged: r.flagged, studio_comment: r.comment },
        annotations: annotation,
        predictions: [],
      };
    });
    await writeFileDurably(out, `${JSON.stringify(tasks, null, 1)}\n`);
    return { written: records.length, skipped: 0, notes: [] };
  },
  read(text: string, file: string): ImportedLabelRecord[] {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new LabelFileError(file, null, `it is not JSON (${(error as Error).message})`);
    }
    if (!Array.isArray(json)) throw new LabelFileError(file, null, 'a Label Studio export is a JSON array of tasks');
    return json.map((raw, i) => readTask(raw, file, i));
  },
  sniff: (text) => text.trimStart().startsWith('['),
};

function readTask(raw: unknown, file: string, i: number): ImportedLabelRecord {
  const fail = (problem: string): never => {
    throw new LabelFileError(file, null, `task ${i + 1}: ${problem}`);
  };
  const parsed = taskSchema.safeParse(raw);
  if (!parsed.success) fail(`${parsed.error!.issues[0].path.join('.') || 'the task'}: ${parsed.error!.issues[0].message}`);
  const task = parsed.data!;
  const image = typeof task.data.image === 'string' ? task.data.image : Object.values(task.data).find((v): v is string => typeof v === 'string');
  if (!image) fail('data.image (the image path or URL) is missing');
  const path = image!.startsWith(localFilesPrefix) ? decodeURIComponent(image!.slice(localFilesPrefix.length)) : image!;
  const annotation = (task.annotations ?? []).filter((a) => !a.was_cancelled).at(-1);
  const choices = annotation?.result.filter((r) => r.type === 'choices').flatMap((r) => r.value.choices ?? []) ?? [];
  if (choices.length > 1) fail(`it has ${choices.length} choices (${choices.join(', ')}); the studio labels each image with one class`);
  const meta = task.meta ?? {};
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  const split = splitSchema.safeParse(task.data.studio_split);
  const sha = text(task.data.studio_sha256);
  const by = annotation?.completed_by;
  const annotator = text(meta.studio_annotator) ?? (typeof by === 'object' && by ? (by.email ?? null) : by !== undefined && by !== null ? `label-studio user ${by}` : null);
  return {
    path,
    relativePath: text(task.data.studio_relative_path) ?? undefined,
    sha256: sha && /^[0-9a-f]{64}$/.test(sha) ? sha : undefined,
    label: choices[0] ?? null,
    annotator,
    time: text(meta.studio_time) ?? annotation?.updated_at ?? annotation?.created_at ?? null,
    seconds: annotation?.lead_time ?? null,
    split: split.success ? split.data : undefined,
    flagged: meta.studio_flagged === true,
    comment: text(meta.studio_comment) ?? '',
  };
}
