import { open } from 'node:fs/promises';
import sharp, { type Metadata } from 'sharp';
import { ImportRejection } from './rejection';
import { endsCompletely, sniffSignature } from './sniff';
import { formatPixels } from './limits';

/** File bytes already in memory, or the path of a file too big to hold. */
export type ImageInput = Buffer | string;

/** The formats the studio imports; each is what sharp reports for it. */
export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'gif' | 'tiff' | 'avif';

export interface ProbedImage {
  format: ImageFormat;
  /** After EXIF orientation: what a person sees. */
  width: number;
  height: number;
}

const readable = new Set(['jpeg', 'png', 'webp', 'gif', 'tiff']);
const formatNames: Record<string, string> = { svg: 'SVG', pdf: 'PDF', heif: 'HEIC', magick: 'this', jp2: 'JPEG 2000', jxl: 'JPEG XL', vips: 'VIPS' };

/**
 * Reads only the header: format and size, no pixels. Everything that can be refused without
 * decoding (not an image, a format we do not import, too many pixels) is refused here.
 */
export async function probeImage(input: ImageInput, maxPixels: number): Promise<ProbedImage> {
  let meta: Metadata;
  try {
    meta = await sharp(input).metadata();
  } catch (error) {
    throw await rejectionFor(error, input, null);
  }
  const format = importableFormat(meta);
  const width = meta.autoOrient?.width ?? meta.width;
  const height = meta.autoOrient?.height ?? meta.height;
  if (!width || !height) throw new ImportRejection('corrupt', 'The image header gives no size.');
  if (width * height > maxPixels) {
    throw new ImportRejection('too-many-pixels', `${width}×${height} is ${formatPixels(width * height)}; the limit is ${formatPixels(maxPixels)}.`);
  }
  return { format, width, height };
}

function importableFormat(meta: Metadata): ImageFormat {
  if (meta.format === 'heif') {
    if (meta.compression === 'av1') return 'avif';
    throw new ImportRejection('unsupported-format', 'HEIC images cannot be read here; convert them to JPEG or PNG.');
  }
  if (readable.has(meta.format)) return meta.format as ImageFormat;
  const name = formatNames[meta.format] ?? meta.format.toUpperCase();
  throw new ImportRejection('unsupported-format', `${name} images are not imported; convert them to PNG or JPEG.`);
}

const truncatedMessage = /premature end|unexpected end|end of (file|data)|truncated|not enough data|short read|out of data/i;

/** Turns a libvips failure into a reject reason, looking at the file's bytes to be sure. */
export async function rejectionFor(error: unknown, input: ImageInput, knownFormat: string | null): Promise<ImportRejection> {
  if (error instanceof ImportRejection) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/Input (Buffer|file) is empty/i.test(message)) return new ImportRejection('not-an-image', 'The file is empty.');
  if (/exceeds pixel limit/i.test(message)) return new ImportRejection('too-many-pixels', 'The image has more pixels than the limit.');
  const { head, tail, length } = await readEdges(input);
  const signature = sniffSignature(head);
  if (!signature && !knownFormat) return new ImportRejection('not-an-image', 'Not an image: the content matches no image format.');
  if (signature?.family === 'unsupported') {
    return new ImportRejection('unsupported-format', `${signature.format} images are not imported; convert them to PNG or JPEG.`);
  }
  const format = knownFormat ?? signature!.format;
  const label = format === 'webp' ? 'WebP' : format.toUpperCase();
  const ended = endsCompletely(format, head, tail, length);
  const truncated = ended === null ? truncatedMessage.test(message) : !ended;
  if (truncated) return new ImportRejection('truncated', `The ${label} file ends early (cut off during copy or download?).`);
  const why = /unsupported image format/i.test(message) ? 'its structure cannot be read' : firstLine(message);
  return new ImportRejection('corrupt', `The ${label} data is damaged: ${why}.`);
}

async function readEdges(input: ImageInput): Promise<{ head: Buffer; tail: Buffer; length: number }> {
  if (typeof input !== 'string') return { head: input.subarray(0, 512), tail: input.subarray(Math.max(0, input.length - 64)), length: input.length };
  const handle = await open(input, 'r');
  try {
    const { size } = await handle.stat();
    const head = Buffer.alloc(Math.min(512, size));
    const tail = Buffer.alloc(Math.min(64, size));
    await handle.read(head, 0, head.length, 0);
    await handle.read(tail, 0, tail.length, size - tail.length);
    return { head, tail, length: size };
  } finally {
    await handle.close();
  }
}

function firstLine(message: string): string {
  const line = message.replace(/^Input (buffer|file) has corrupt header: /i, '').split('\n')[0].replace(/[.\s]+$/, '');
  return line.length > 160 ? `${line.slice(0, 157)}...` : line;
}
