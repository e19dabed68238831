import { z } from 'zod';
import { event, request } from './channel';
import { absolutePathSchema, emptySchema, idSchema } from './schemas';
import { backboneCardSchema, backboneIdSchema } from '../ml/cards';
import { backboneListingSchema, downloadProgressSchema } from '../ml/catalog';
import { fineTuneAvailabilitySchema, runProgressSchema, runRecordSchema, runRequestSchema, tfBackendSchema } from '../ml/runs';

/** What the ML worker can run on here: shown in the Model view and stored in every run. */
export const capabilitiesSchema = z.object({
  backend: tfBackendSchema,
  executionProviders: z.array(z.string()),
  fineTune: fineTuneAvailabilitySchema,
});
export type Capabilities = z.infer<typeof capabilitiesSchema>;

/** Pretrained backbones: the catalog, downloads, and local models the user adds. */
export const modelsChannels = {
  'models:list': request(emptySchema, z.array(backboneListingSchema)),
  'models:capabilities': request(emptySchema, capabilitiesSchema),
  /** Starts (or resumes) a download in the background; progress and the end come as events. */
  'models:download': request(z.strictObject({ backboneId: backboneIdSchema }), z.object({ started: z.boolean() })),
  'models:cancel-download': request(z.strictObject({ backboneId: backboneIdSchema }), z.object({ cancelled: z.boolean() })),
  'models:download-progress': event(downloadProgressSchema),
  'models:download-finished': event(
    z.object({ backboneId: z.string(), ok: z.boolean(), message: z.string().optional(), listing: backboneListingSchema.optional() }),
  ),
  /** Adds a local `.onnx` or TF.js `model.json` with its card; one dummy image is run first. */
  'models:add-local': request(z.strictObject({ path: absolutePathSchema, card: backboneCardSchema }), backboneListingSchema),
} as const;

/** Training runs: start, cancel, live progress, and the record of every run. */
export const trainingChannels = {
  /** Starts a run in the ML worker; fields left out come from the loop settings. */
  'training:start': request(runRequestSchema.strict(), z.object({ runId: idSchema })),
  'training:cancel': request(z.strictObject({ runId: idSchema }), z.object({ cancelled: z.boolean() })),
  'training:progress': event(runProgressSchema),
  'training:finished': event(z.object({ run: runRecordSchema })),
  /** Newest first. */
  'runs:list': request(emptySchema, z.array(runRecordSchema)),
  'runs:get': request(z.strictObject({ id: idSchema }), runRecordSchema),
} as const;
