import sharp from 'sharp';

export interface RawImage {
  data: Buffer;
  width: number;
  height: number;
  channels: 1 | 2 | 3 | 4;
}

/**
 * 64-bit difference hash: shrink to 9×8 grey cells and record, per row, whether each cell
 * is darker than its right neighbour. Small shifts, rescaling and brightness changes keep
 * most bits, so near-duplicates land within a few bits of each other.
 *
 * The cells are averaged here from a 36×32 shrink rather than taken from an 8-bit 9×8 one:
 * on flat backgrounds neighbouring cells differ by less than one grey level, and rounding
 * them to whole levels flips bits whenever brightness changes a little.
 */
export async function differenceHash(image: RawImage): Promise<string> {
  let pipeline = sharp(image.data, { raw: { width: image.width, height: image.height, channels: image.channels } });
  if (image.channels === 2 || image.channels === 4) pipeline = pipeline.flatten({ background: '#ffffff' });
  const grey = await pipeline.greyscale().resize(36, 32, { fit: 'fill' }).extractChannel(0).raw().toBuffer();
  const cells = new Float64Array(72);
  for (let y = 0; y < 32; y++) {
    for (let x = 0; x < 36; x++) cells[(y >> 2) * 9 + (x >> 2)] += grey[y * 36 + x];
  }
  return dhashFromCells(cells);
}

/** `cells` holds 9×8 grey values, row by row. */
export function dhashFromCells(cells: ArrayLike<number>): string {
  let hex = '';
  for (let y = 0; y < 8; y++) {
    let byte = 0;
    for (let x = 0; x < 8; x++) byte = (byte << 1) | (cells[y * 9 + x] < cells[y * 9 + x + 1] ? 1 : 0);
    hex += byte.toString(16).padStart(2, '0');
  }
  return hex;
}

/**
 * 256-bit fine difference hash for small images, where the 64-bit one is too coarse: 16
 * rows of 16 comparisons between 17×16 grey cells (each the mean of a 2×2 block of a 34×32
 * shrink). A bit is set only when the right cell is brighter by more than `deadZone` grey
 * levels, so the flat black or white backgrounds of small product and digit images, where
 * re-encoding noise would flip strict comparisons, give stable zeros. Measured on
 * Fashion-MNIST in docs/near-duplicates.md.
 */
export async function fineDifferenceHash(image: RawImage, deadZone = 4): Promise<string> {
  let pipeline = sharp(image.data, { raw: { width: image.width, height: image.height, channels: image.channels } });
  if (image.channels === 2 || image.channels === 4) pipeline = pipeline.flatten({ background: '#ffffff' });
  const grey = await pipeline.greyscale().resize(34, 32, { fit: 'fill' }).extractChannel(0).raw().toBuffer();
  const cells = new Float64Array(17 * 16);
  for (let y = 0; y < 32; y++) {
    for (let x = 0; x < 34; x++) cells[(y >> 1) * 17 + (x >> 1)] += grey[y * 34 + x] / 4;
  }
  let hex = '';
  for (let y = 0; y < 16; y++) {
    for (let half = 0; half < 2; half++) {
      let byte = 0;
      for (let x = half * 8; x < half * 8 + 8; x++) byte = (byte << 1) | (cells[y * 17 + x] + deadZone < cells[y * 17 + x + 1] ? 1 : 0);
      hex += byte.toString(16).padStart(2, '0');
    }
  }
  return hex;
}
