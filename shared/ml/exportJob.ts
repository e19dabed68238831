import { z } from 'zod';
import { idSchema } from '../contract/schemas';
import { backboneSpecSchema } from './cards';

/**
 * The ML worker's part of a model export: compose `model.onnx` and the TF.js model from a
 * run's backbone and saved head into `outDir` (a staging folder the host renames when
 * everything is written), then run a few of the project's images through the studio's own
 * pipeline and through both exported models, and report how far they differ.
 */
export const exportModelJobSchema = z.object({
  kind: z.literal('export-model'),
  projectDir: z.string().min(1).max(4096),
  runId: idSchema,
  backbone: backboneSpecSchema,
  outDir: z.string().min(1).max(4096),
  /** Class names in the run's column order. */
  classNames: z.array(z.string().min(1).max(200)).min(2).max(1000),
  /** Stored in the ONNX model's metadata (run id, label-set hash, studio version…). */
  metadata: z.record(z.string().max(100), z.string().max(10_000)).default({}),
  /** Images to check the exported models against the studio on. */
  verifyPaths: z.array(z.string().min(1).max(4096)).max(64).default([]),
});

export const exportStepSchema = z.enum(['onnx', 'tfjs', 'verifying']);
export type ExportStep = z.infer<typeof exportStepSchema>;

export const exportJobProgressSchema = z.object({ phase: z.literal('exporting'), step: exportStepSchema, done: z.number().int(), total: z.number().int() });

/** One exported format: whether it holds the whole pipeline or the head alone, and why. */
export const exportedFormatSchema = z.object({
  /** Path inside the export folder: `model.onnx`, `tfjs/model.json`. */
  path: z.string(),
  scope: z.enum(['pipeline', 'head-only']),
  /** Input tensor shape, -1 for the batch. */
  inputShape: z.array(z.number().int()),
  inputType: z.enum(['uint8', 'float32']),
  headOnlyReason: z.string().nullable(),
  bytes: z.number().int(),
  sha256: z.string(),
});
export type ExportedFormat = z.output<typeof exportedFormatSchema>;

export const exportModelReportSchema = z.object({
  onnx: exportedFormatSchema.extend({ irVersion: z.number().int(), opset: z.number().int(), droppedNodes: z.number().int() }),
  tfjs: exportedFormatSchema,
  /** The backbone file the export carries (null for pixels). */
  backboneSha256: z.string().nullable(),
  /**
   * The largest difference between a class probability from the studio's pipeline and from
   * each exported model, over `images` images (null when a format could not be checked).
   */
  verification: z.object({
    images: z.number().int(),
    skipped: z.number().int(),
    onnxMaxDifference: z.number().nullable(),
    tfjsMaxDifference: z.number().nullable(),
  }),
});
export type ExportModelReport = z.output<typeof exportModelReportSchema>;
