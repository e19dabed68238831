import { previewLongSide } from '../../../shared/contract/bridge';
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
