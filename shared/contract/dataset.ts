import { z } from 'zod';
import { event, request } from './channel';
import { absolutePathSchema, emptySchema } from './schemas';

/** The label file formats the studio writes and reads. */
export const labelFormatNames = ['csv', 'jsonl', 'imagefolder', 'label-studio'] as const;
export type LabelFormatName = (typeof labelFormatNames)[number];

/**
 * What an export of the labels wrote: `written` samples (every sample, or for ImageFolder
 * the labeled ones), `skipped` the ones the format cannot hold, and notes for the user
 * (hard links or copies, unlabeled samples left out).
 */
export const labelExportResultSchema = z.object({
  format: z.enum(labelFormatNames),
  out: z.string(),
  written: z.number().int(),
  skipped: z.number().int(),
  notes: z.array(z.string()),
});
export type LabelExportResult = z.infer<typeof labelExportResultSchema>;

export const datasetChannels = {
  /** Writes every sample's label, annotator, time, seconds, split, flag and comment to `out` (a file; a new folder for ImageFolder). */
  'dataset:export-labels': request(z.strictObject({ format: z.enum(labelFormatNames), out: absolutePathSchema }), labelExportResultSchema),
  'dataset:cancel-export': request(emptySchema, z.object({ cancelled: z.boolean() })),
  'dataset:export-progress': event(z.object({ done: z.number().int(), total: z.number().int() })),
} as const;
