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
