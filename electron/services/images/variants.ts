import { readFile } from 'node:fs/promises';
import { previewLongSide } from '../../../shared/contract/bridge';
import type { Sample } from '../../../shared/domain/records';
import sharp from 'sharp';
import { defaultImportLimits } from '../ingest/limits';
import { renderThumbnail } from '../ingest/thumbnail';

/** What the gallery, the labeling view and the zoom each ask for. */
export const imageVariants = ['thumb', 'preview', 'original'] as const;
export type ImageVariant = (typeof imageVariants)[number];

export interface ImageData {
  data: Buffer;
  mime: string;
}

/** Longest side of the labeling view's image. */
export const previewSide = previewLongSide;

/** Formats every browser shows as they are; other originals are served as PNG. */
export const browserMimes: Record<string, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  avif: 'image/avif',
};

/** Formats a small original may be its own preview in (not GIF: it may be animated). */
const asIsPreviewMimes: Record<string, string> = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };
/** Past this many bytes a small original is still re-encoded: the preview is sent on every keypress. */
export const asIsPreviewMaxBytes = 1024 * 1024;

/**
 * The file itself, when it already is what a preview would be: a browser format, no larger
 * than the preview, upright (no EXIF rotation), sRGB or gray, and small in bytes. Re-encoding
 * it would cost the server ~25 ms of CPU per image for the same pixels. Null otherwise.
 */
export async function originalAsPreview(sample: Pick<Sample, 'path' | 'format' | 'bytes' | 'width' | 'height'>): Promise<ImageData | null> {
  const { path, format } = sample;
  const mime = asIsPreviewMimes[format];
  // The record answers most cases without reading the file (a large photo is never read twice).
  if (!mime || sample.bytes > asIsPreviewMaxBytes || Math.max(sample.width, sample.height) > previewSide) return null;
  const data = await readFile(path);
  if (data.length > asIsPreviewMaxBytes) return null;
  const meta = await sharp(data).metadata();
  const upright = meta.orientation === undefined || meta.orientation === 1;
  const plainColour = meta.space === 'srgb' || meta.space === 'b-w';
  const small = (meta.width ?? Infinity) <= previewSide && (meta.height ?? Infinity) <= previewSide;
  return meta.format === format && upright && plainColour && small && !meta.pages ? { data, mime } : null;
}

export async function renderPreview(path: string): Promise<Buffer> {
  return sharp(path, { limitInputPixels: defaultImportLimits.maxPixels })
    .rotate()
    .toColourspace('srgb')
    .resize(previewSide, previewSide, { fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 85 })
    .toBuffer();
}

/** Upright, since the PNG drops the EXIF orientation a browser would otherwise apply. */
export async function renderOriginalAsPng(path: string): Promise<Buffer> {
  return sharp(path, { limitInputPixels: defaultImportLimits.maxPixels }).rotate().toColourspace('srgb').png().toBuffer();
}

export async function renderThumbnailFromFile(path: string): Promise<Buffer> {
  return (await renderThumbnail(path, null, defaultImportLimits.maxPixels)).webp;
}
