import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import { mulberry32 } from '../../shared/domain/mulberry32';

// Real image files for tests, made with sharp. Patterned images differ in content and in
// dHash (solid colours all share one dHash, so they would all count as near-duplicates).

export type TestFormat = 'jpeg' | 'png' | 'webp' | 'gif' | 'tiff' | 'avif';

export interface ImageSpec {
  width?: number;
  height?: number;
  /** Seeds a random block pattern; every seed gives a visibly different image. */
  seed?: number;
  /** A solid colour instead of a pattern, e.g. '#ff0000'. */
  color?: string;
}

export async function makeTempDir(prefix = 'studio-test-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

export const seededRandom = mulberry32;

/** Raw RGB pixels: an 8×6 grid of random colours (or one colour), scaled up. */
export async function rawPixels(spec: ImageSpec = {}): Promise<{ data: Buffer; width: number; height: number }> {
  const width = spec.width ?? 64;
  const height = spec.height ?? 48;
  if (spec.color) {
    const data = await sharp({ create: { width, height, channels: 3, background: spec.color } }).raw().toBuffer();
    return { data, width, height };
  }
  const random = seededRandom(spec.seed ?? 1);
  const grid = Buffer.alloc(8 * 6 * 3);
  for (let i = 0; i < grid.length; i++) grid[i] = Math.floor(random() * 256);
  const data = await sharp(grid, { raw: { width: 8, height: 6, channels: 3 } })
    .resize(width, height, { kernel: 'cubic', fit: 'fill' })
    .raw()
    .toBuffer();
  return { data, width, height };
}

export async function imageBytes(format: TestFormat, spec: ImageSpec = {}): Promise<Buffer> {
  const { data, width, height } = await rawPixels(spec);
  const image = sharp(data, { raw: { width, height, channels: 3 } });
  switch (format) {
    case 'jpeg':
      return image.jpeg({ quality: 90 }).toBuffer();
    case 'png':
      return image.png().toBuffer();
    case 'webp':
      return image.webp({ quality: 90 }).toBuffer();
    case 'gif':
      return image.gif().toBuffer();
    case 'tiff':
      return image.tiff().toBuffer();
    case 'avif':
      return image.avif({ quality: 60, effort: 0 }).toBuffer();
  }
}

export async function writeBytes(path: string, bytes: Buffer | string): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, bytes);
  return path;
}

export async function writeImage(path: string, format: TestFormat = 'png', spec: ImageSpec = {}): Promise<string> {
  return writeBytes(path, await imageBytes(format, spec));
}

/** A JPEG cut off at `fraction` of its length, as an interrupted copy leaves it. */
export async function truncatedJpeg(spec: ImageSpec = {}, fraction = 0.6): Promise<Buffer> {
  const full = await imageBytes('jpeg', { width: 200, height: 150, ...spec });
  return full.subarray(0, Math.floor(full.length * fraction));
}

export async function truncatedPng(spec: ImageSpec = {}, fraction = 0.6): Promise<Buffer> {
  const full = await imageBytes('png', { width: 200, height: 150, ...spec });
  return full.subarray(0, Math.floor(full.length * fraction));
}

/** Starts and ends like a JPEG, but everything between is noise. */
export function corruptJpeg(seed = 7): Buffer {
  const random = seededRandom(seed);
  const body = Buffer.alloc(2000);
  for (let i = 0; i < body.length; i++) body[i] = Math.floor(random() * 256);
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xdb, 0x00, 0x43, 0x00]), body, Buffer.from([0xff, 0xd9])]);
}

/** Random bytes: what a `.jpg` that is no image at all looks like. */
export function randomBytesFile(length = 4096, seed = 3): Buffer {
  const random = seededRandom(seed);
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) bytes[i] = Math.floor(random() * 256);
  bytes[0] = 0x13; // never a valid image signature by chance
  return bytes;
}

export const textFile = (text = 'These are my notes, not an image.\n'): Buffer => Buffer.from(text, 'utf8');

export function svgBytes(width = 40, height = 30): Buffer {
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><circle cx="20" cy="15" r="10" fill="red"/></svg>`);
}

/** The opening box of a HEIC file (an HEVC-coded image this sharp build cannot decode). */
export function heicLikeBytes(): Buffer {
  const ftyp = Buffer.alloc(24);
  ftyp.writeUInt32BE(24, 0);
  ftyp.write('ftypheic', 4, 'latin1');
  ftyp.writeUInt32BE(0, 12);
  ftyp.write('mif1heic', 16, 'latin1');
  return Buffer.concat([ftyp, Buffer.alloc(200)]);
}

/**
 * A JPEG stored sideways with EXIF orientation `orientation` (6: rotate 90° clockwise to
 * view), so a viewer shows it `height` wide and `width` tall.
 */
export async function exifRotatedJpeg(spec: ImageSpec = {}, orientation = 6): Promise<Buffer> {
  const { data, width, height } = await rawPixels({ width: 120, height: 80, ...spec });
  return sharp(data, { raw: { width, height, channels: 3 } }).jpeg().withMetadata({ orientation }).toBuffer();
}

/** A JPEG in CMYK, as print workflows produce. */
export async function cmykJpeg(spec: ImageSpec = {}): Promise<Buffer> {
  const { data, width, height } = await rawPixels(spec);
  return sharp(data, { raw: { width, height, channels: 3 } }).toColourspace('cmyk').jpeg().toBuffer();
}

/**
 * A folder with one subfolder per class, each holding `counts[class]` distinct images
 * (PNG unless `format` says otherwise). Returns the paths by class.
 */
export async function classFolderTree(
  root: string,
  counts: Record<string, number>,
  options: { format?: TestFormat; seed?: number; size?: number } = {},
): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  let seed = options.seed ?? 1000;
  const ext = options.format === 'jpeg' ? 'jpg' : (options.format ?? 'png');
  for (const [name, count] of Object.entries(counts)) {
    out[name] = [];
    for (let i = 0; i < count; i++) {
      const path = join(root, name, `${name}-${String(i).padStart(4, '0')}.${ext}`);
      out[name].push(await writeImage(path, options.format ?? 'png', { seed: seed++, width: options.size ?? 48, height: options.size ?? 48 }));
    }
  }
  return out;
}

/**
 * The image `spec` describes, shifted by a pixel and a little brighter: a near-duplicate.
 * At 256×192 its dHash stays within 3 bits of the original's; tiny images move further.
 */
export async function nearDuplicateBytes(format: TestFormat, spec: ImageSpec = {}): Promise<Buffer> {
  const { data, width, height } = await rawPixels(spec);
  const shifted = Buffer.alloc(data.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const from = (Math.max(0, y - 1) * width + Math.max(0, x - 1)) * 3;
      for (let c = 0; c < 3; c++) shifted[(y * width + x) * 3 + c] = Math.min(255, Math.round(data[from + c] * 1.03));
    }
  }
  const bytes = await sharp(shifted, { raw: { width, height, channels: 3 } }).toFormat(format).toBuffer();
  return bytes;
}
