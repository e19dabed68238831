import { z } from 'zod';
import { event, request } from './channel';
import { absolutePathSchema, idSchema, splitSchema } from './schemas';

/** Why a file was not imported. Every rejected file is listed; the import goes on. */
export const rejectReasons = [
  'corrupt',
  'truncated',
  'too-many-pixels',
  'too-large',
  'not-an-image',
  'unsupported-format',
  'unreadable',
  'outside-folder',
] as const;
export type RejectReason = (typeof rejectReasons)[number];

/**
 * How an import placed near-duplicates: groups formed (two or more images, new or held),
 * new images that joined a group already in a split, bridges (a new image near held samples
 * in different splits, so one pair straddles whatever is chosen), and groups over the cap
 * that were cut at a stricter threshold.
 */
export const importSplitReportSchema = z.object({
  groups: z.number().int(),
  groupedImages: z.number().int(),
  joinedEarlier: z.number().int(),
  bridges: z.array(
    z.object({
      paths: z.array(z.string()),
      heldSamples: z.array(idSchema),
      heldSplits: z.partialRecord(splitSchema, z.number().int()),
      chosen: splitSchema,
    }),
  ),
  resplit: z.array(
    z.object({ images: z.number().int(), stricterBy: z.number().int(), parts: z.number().int(), largestPart: z.number().int(), stillOversized: z.boolean() }),
  ),
});
export type ImportSplitReport = z.infer<typeof importSplitReportSchema>;

export const importReportSchema = z.object({
  imported: z.number().int(),
  duplicates: z.array(z.object({ path: z.string(), duplicateOf: z.string() })),
  rejected: z.array(z.object({ path: z.string(), reason: z.enum(rejectReasons), detail: z.string() })),
  /** Samples that arrived with a label (from folder names or the CSV). */
  labeled: z.number().int(),
  /** Classes created because an imported label named a class the project did not have. */
  newClasses: z.array(z.string()),
  /** Labels-file rows naming files that were not part of this import. */
  unmatchedCsvRows: z.number().int(),
  cancelled: z.boolean(),
  splits: importSplitReportSchema,
});
export type ImportReport = z.infer<typeof importReportSchema>;

export const importRequestSchema = z.strictObject({
  /** Folders (walked recursively) and single files. */
  sources: z.array(absolutePathSchema).min(1).max(10_000),
  /**
   * `folders`: class from the first folder level (or the second under `train/ val/ test/`,
   * the ImageFolder layout, which also gives the split). `file` (or `csv`, its older name):
   * a labels file, its format told from its contents: a plain `path,label` CSV, a studio
   * CSV or JSON-lines export, or a Label Studio JSON export.
   */
  labelsFrom: z.enum(['none', 'folders', 'csv', 'file']).default('none'),
  csvPath: absolutePathSchema.optional(),
  labelsFile: absolutePathSchema.optional(),
});
export type ImportRequest = z.input<typeof importRequestSchema>;

export const importProgressSchema = z.object({
  jobId: idSchema,
  phase: z.enum(['scanning', 'importing', 'finishing']),
  done: z.number().int(),
  total: z.number().int(),
  imported: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.number().int(),
});
export type ImportProgress = z.infer<typeof importProgressSchema>;

export const importChannels = {
  'import:start': request(importRequestSchema, z.object({ jobId: idSchema })),
  'import:cancel': request(z.strictObject({ jobId: idSchema }), z.object({ cancelled: z.boolean() })),
  'import:progress': event(importProgressSchema),
  'import:finished': event(z.object({ jobId: idSchema, report: importReportSchema })),
  'import:failed': event(z.object({ jobId: idSchema, message: z.string() })),
} as const;
