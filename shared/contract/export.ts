import { z } from 'zod';
import { exportedFormatSchema } from '../ml/exportJob';
import { event, request, studioErrorSchema } from './channel';
import { absolutePathSchema, idSchema } from './schemas';

/**
 * Where an export is in its work: `preparing` (the run, its backbone, the test figures),
 * `onnx` and `tfjs` (composing the models), `verifying` (images through the studio and
 * through the export, `done` of `total`), `writing` (the card, labels and examples).
 */
export const exportProgressSchema = z.object({
  jobId: idSchema,
  runId: idSchema,
  step: z.enum(['preparing', 'onnx', 'tfjs', 'verifying', 'writing']),
  done: z.number().int(),
  total: z.number().int(),
});
export type ExportProgress = z.output<typeof exportProgressSchema>;

/**
 * A finished model export: the folder, what each format holds, how closely the exported
 * models matched the studio on the project's own images, and the known limits the model
 * card lists. Every file is listed with its size and sha256.
 */
export const exportReportSchema = z.object({
  runId: idSchema,
  outDir: z.string(),
  formats: z.object({
    onnx: exportedFormatSchema.extend({ irVersion: z.number().int(), opset: z.number().int(), droppedNodes: z.number().int() }),
    tfjs: exportedFormatSchema,
  }),
  verification: z.object({ images: z.number().int(), skipped: z.number().int(), onnxMaxDifference: z.number().nullable(), tfjsMaxDifference: z.number().nullable() }),
  limits: z.array(z.string()),
  files: z.array(z.object({ path: z.string(), bytes: z.number().int(), sha256: z.string() })),
  durationMs: z.number(),
});
export type ExportReport = z.output<typeof exportReportSchema>;

export const exportRequestSchema = z.strictObject({
  runId: idSchema,
  /**
   * An empty or new folder to export into. Without one the export goes to the project's
   * `exports/<run id>/` folder, so the UI never needs to send a path.
   */
  outDir: absolutePathSchema.optional(),
});
export type ExportRequest = z.input<typeof exportRequestSchema>;

export const exportChannels = {
  'export:start': request(exportRequestSchema, z.object({ jobId: idSchema })),
  'export:cancel': request(z.strictObject({ jobId: idSchema }), z.object({ cancelled: z.boolean() })),
  'export:progress': event(exportProgressSchema),
  'export:finished': event(z.object({ jobId: idSchema, report: exportReportSchema })),
  'export:failed': event(z.object({ jobId: idSchema, runId: idSchema, error: studioErrorSchema })),
} as const;
