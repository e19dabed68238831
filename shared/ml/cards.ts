import { z } from 'zod';

/** Backbone ids double as folder names under the embedding cache: keep them path-safe. */
export const backboneIdSchema = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'a backbone id of lowercase letters, digits, ".", "_" or "-"');

export const backboneEngines = ['pixels', 'onnx', 'tfjs'] as const;
export type BackboneEngine = (typeof backboneEngines)[number];

/**
 * A backbone's card: everything needed to turn an image into the tensor the network
 * expects and to read the embedding back out. Pixel values become
 * `(pixel * scale - mean[c]) / std[c]` per channel c.
 *
 * - `resize`: `cover` fills the input and crops the overflow, `fill` stretches,
 *   `center-crop` first scales the short side to `size / cropFraction` then cuts the middle
 *   (the usual "resize 256, crop 224" of ImageNet models is cropFraction 0.875).
 * - `output.tap`: `output` reads the named (or first) graph output; `classifier-input`
 *   reads the input of a classifier's final fully-connected layer, so an ImageNet
 *   classifier yields its penultimate features instead of 1,000 logits.
 * - `output.pool`: `flatten` keeps every value; `cls` takes the first token of a
 *   [batch, tokens, dim] output (ViTs); `mean` averages every axis after the batch except
 *   the last (tokens) or, for [batch, channels, h, w], the spatial ones.
 */
export const backboneCardSchema = z
  .object({
    id: backboneIdSchema,
    name: z.string().min(1).max(120),
    engine: z.enum(backboneEngines),
    input: z.object({
      width: z.number().int().min(1).max(2048),
      height: z.number().int().min(1).max(2048),
      channels: z.union([z.literal(1), z.literal(3)]),
      layout: z.enum(['NCHW', 'NHWC']),
      /** Input tensor name; the model's first input when absent. */
      name: z.string().max(200).optional(),
    }),
    preprocess: z.object({
      resize: z.enum(['cover', 'fill', 'center-crop']).default('cover'),
      cropFraction: z.number().gt(0).max(1).default(1),
      scale: z.number().positive().default(1 / 255),
      mean: z.array(z.number()).min(1).max(3),
      std: z.array(z.number().positive()).min(1).max(3),
    }),
    output: z
      .object({
        /** Output tensor name; the model's first output when absent. */
        name: z.string().max(200).optional(),
        tap: z.enum(['output', 'classifier-input']).default('output'),
        pool: z.enum(['flatten', 'cls', 'mean']).default('flatten'),
      })
      .default({ tap: 'output', pool: 'flatten' }),
    embeddingSize: z.number().int().min(1).max(65_536),
  })
  .refine((c) => c.preprocess.mean.length === c.input.channels && c.preprocess.std.length === c.input.channels, {
    message: 'preprocess.mean and preprocess.std need one value per input channel',
    path: ['preprocess'],
  });

export type BackboneCard = z.output<typeof backboneCardSchema>;
export type BackboneCardInput = z.input<typeof backboneCardSchema>;

/** Networks built into the studio whose trainable TF.js source the worker can read. */
export const builtinSources = ['nsfwjs-mobilenetv2'] as const;

/**
 * What the ML worker needs to load a backbone: its card and, except for `pixels`, the
 * absolute path of the model file (`.onnx` or TF.js `model.json`). `builtin` names the
 * TF.js layers network a built-in ONNX file was converted from: fine-tuning trains that.
 */
export const backboneSpecSchema = z.object({
  card: backboneCardSchema,
  modelPath: z.string().max(4096).nullable(),
  builtin: z.enum(builtinSources).optional(),
});
export type BackboneSpec = z.output<typeof backboneSpecSchema>;

/** Floats in one preprocessed image. */
export function inputLength(card: BackboneCard): number {
  return card.input.width * card.input.height * card.input.channels;
}

/**
 * A stable text of the fields that change what an embedding means. The embedding cache
 * keeps it, so a changed card never mixes old and new vectors.
 */
export function cardFingerprint(card: BackboneCard): string {
  const { input, preprocess, output, embeddingSize, engine } = card;
  return JSON.stringify({ engine, input, preprocess, output, embeddingSize });
}

/** A short, readable explanation of the first problem zod found in a card. */
export function describeCardProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  const where = issue.path.length ? issue.path.join('.') : 'card';
  return `${where}: ${issue.message}`;
}
