import { z } from 'zod';
import type { BackboneCard } from './cards';
import type { ExportModelReport } from './exportJob';

const formatInput = z.object({
  path: z.string(),
  scope: z.enum(['pipeline', 'head-only']),
  input: z.string(),
  dtype: z.enum(['uint8', 'float32']),
  shape: z.array(z.number().int()),
});

/**
 * `preprocessing.json`: what a caller does to an image before the exported model sees it,
 * exactly as the studio does it when it embeds (`decodePixels`), and what the graph does
 * after. `predict` and the examples read it; so can anyone writing their own caller.
 */
export const preprocessingDocSchema = z.object({
  format: z.literal('studio-preprocessing/1'),
  width: z.number().int().min(1).max(2048),
  height: z.number().int().min(1).max(2048),
  channels: z.union([z.literal(1), z.literal(3)]),
  colour: z.enum(['rgb', 'grayscale']),
  /** Channel order of the last axis: R, G, B (or one luminance channel L). */
  channelOrder: z.enum(['RGB', 'L']),
  resize: z.enum(['fill', 'cover', 'center-crop']),
  cropFraction: z.number().gt(0).max(1),
  kernel: z.literal('cubic'),
  steps: z.array(z.string()),
  onnx: formatInput,
  tfjs: formatInput,
  /** Done inside both models: never by the caller. */
  inGraph: z.object({ formula: z.string(), scale: z.number(), mean: z.array(z.number()), std: z.array(z.number()), layout: z.enum(['NCHW', 'NHWC']) }),
});
export type PreprocessingDoc = z.output<typeof preprocessingDocSchema>;

export function preprocessingDoc(card: BackboneCard, formats: Pick<ExportModelReport, 'onnx' | 'tfjs'>): PreprocessingDoc {
  const { width, height, channels, layout } = card.input;
  const { resize, cropFraction, scale, mean, std } = card.preprocess;
  const gray = channels === 1;
  const described = (format: ExportModelReport['onnx'] | ExportModelReport['tfjs'], name: string) => ({
    path: format.path,
    scope: format.scope,
    input: format.scope === 'pipeline' ? name : 'embedding',
    dtype: format.inputType,
    shape: format.inputShape,
  });
  return {
    format: 'studio-preprocessing/1',
    width,
    height,
    channels,
    colour: gray ? 'grayscale' : 'rgb',
    channelOrder: gray ? 'L' : 'RGB',
    resize,
    cropFraction,
    kernel: 'cubic',
    steps: [
      'Decode the image and apply its EXIF orientation.',
      'Flatten any transparency onto white.',
      ...(gray ? ["Convert to grayscale as libvips does (sharp's .grayscale()): Rec. 709 luminance of linear-light sRGB, re-encoded with the sRGB curve; before resizing."] : []),
      resizeStep(card),
      ...(gray ? [] : ['Convert to sRGB, 3 channels (a grayscale image repeats its one channel).']),
      `Keep 8-bit values 0–255, interleaved: [height, width, channels] = [${height}, ${width}, ${channels}]; stack images into [N, ${height}, ${width}, ${channels}].`,
      'model.onnx takes these uint8 values as they are; tfjs/model.json takes them as float32 (same values, 0–255).',
    ],
    onnx: described(formats.onnx, 'image'),
    tfjs: described(formats.tfjs, 'image'),
    inGraph: { formula: '(pixel * scale - mean[c]) / std[c], then the backbone layout', scale, mean, std, layout },
  };
}

function resizeStep(card: BackboneCard): string {
  const { width, height } = card.input;
  const { resize, cropFraction } = card.preprocess;
  const kernel = 'bicubic (Catmull-Rom, libvips "cubic")';
  if (resize === 'fill') return `Resize to exactly ${width}×${height}, ignoring the aspect ratio (stretch), ${kernel}.`;
  const centre = 'the centre (an odd margin leaves its extra pixel on the left/top)';
  if (resize === 'cover' || cropFraction >= 1) return `Resize so the image covers ${width}×${height} keeping its aspect ratio (${kernel}), then cut ${centre} ${width}×${height}.`;
  const bigW = Math.round(width / cropFraction);
  const bigH = Math.round(height / cropFraction);
  return `Resize so the image covers ${bigW}×${bigH} keeping its aspect ratio (${kernel}) and cut ${centre} ${bigW}×${bigH}, then cut ${width}×${height} at offset (${Math.floor((bigW - width) / 2)}, ${Math.floor((bigH - height) / 2)}).`;
}
