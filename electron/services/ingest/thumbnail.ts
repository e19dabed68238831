import { mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { projectFiles } from '../project/documents';
import { isCode } from '../storage/durableWrite';
import { differenceHash, fineDifferenceHash, type RawImage } from './dhash';
import { rejectionFor, type ImageFormat, type ImageInput } from './probe';

/** Longest side of a gallery thumbnail. */
export const thumbnailSide = 256;

export interface Thumbnail {
  webp: Buffer;
  dhash: string;
  fineHash: string;
}

/**
 * Decodes the whole image once (so a file cut short fails here, not later in training),
 * upright (EXIF orientation) and in sRGB, straight down to thumbnail size; the WebP tile and
 * the difference hashes are all made from that small decode.
 */
export async function renderThumbnail(input: ImageInput, format: ImageFormat | null, maxPixels: number): Promise<Thumbnail> {
  let small: RawImage;
  try {
    const { data, info } = await sharp(input, { failOn: 'truncated', limitInputPixels: maxPixels })
      .rotate()
      .toColourspace('srgb')
      .resize(thumbnailSide, thumbnailSide, { fit: 'inside', withoutEnlargement: true })
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    small = { data, width: info.width, height: info.height, channels: info.channels };
  } catch (error) {
    throw await rejectionFor(error, input, format);
  }
  const raw = { width: small.width, height: small.height, channels: small.channels };
  const [webp, dhash, fineHash] = await Promise.all([
    sharp(small.data, { raw }).webp({ quality: 80, effort: 2 }).toBuffer(),
    differenceHash(small),
    fineDifferenceHash(small),
  ]);
  return { webp, dhash, fineHash };
}

/** `<project>/thumbs/<first two hex digits>/<sha256>.webp`: content-addressed, shared by duplicates. */
export function thumbnailPath(projectDir: string, hash: string): string {
  return join(projectDir, projectFiles.thumbnails, hash.slice(0, 2), `${hash}.webp`);
}

/** Folders already made by this process: thumbnails share 256 of them, so skip the mkdir. */
const madeFolders = new Set<string>();

/** Writes beside the target then renames, so a reader never sees half a file. */
export async function writeFileAtomically(path: string, data: Buffer): Promise<void> {
  const folder = dirname(path);
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  if (!madeFolders.has(folder)) await mkdir(folder, { recursive: true });
  try {
    await writeFile(temp, data).catch(async (error: unknown) => {
      if (!isCode(error, 'ENOENT')) throw error;
      await mkdir(folder, { recursive: true }); // the folder was removed since we made it
      await writeFile(temp, data);
    });
    madeFolders.add(folder);
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}
