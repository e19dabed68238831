import sharp, { type Sharp } from 'sharp';
import type { BackboneCard } from '../../../shared/ml/cards';

/**
 * Decodes one image into the card's input: EXIF orientation applied, converted to sRGB (or
 * grayscale), transparency flattened onto white, resized as the card says, then written as
 * `(pixel * scale - mean) / std` into `out` at `offset` in the card's layout.
 * sharp does the work on libuv's thread pool, so decoding overlaps with inference.
 */
export async function decodeForCard(path: string, card: BackboneCard, out: Float32Array, offset: number): Promise<void> {
  const { width, height, channels, layout } = card.input;
  const { data, channels: stride } = await decodePixels(path, card);
  const { scale, mean, std } = card.preprocess;
  const plane = width * height;
  for (let c = 0; c < channels; c++) {
    // A grayscale source feeding an RGB card repeats its one band.
    const source = Math.min(c, stride - 1);
    const m = mean[c];
    const s = std[c];
    for (let p = 0; p < plane; p++) {
      const value = (data[p * stride + source] * scale - m) / s;
      out[offset + (layout === 'NCHW' ? c * plane + p : p * channels + c)] = value;
    }
  }
}

/** What the resize and colour steps need from a card (an exported model's preprocessing.json holds the same). */
export interface PixelGeometry {
  input: Pick<BackboneCard['input'], 'width' | 'height' | 'channels'>;
  preprocess: Pick<BackboneCard['preprocess'], 'resize' | 'cropFraction'>;
}

/**
 * The 8-bit pixels `decodeForCard` normalises, row-major, interleaved (`channels` per pixel:
 * the decoded band count, which can be 1 for a grayscale source feeding an RGB card).
 * An exported model takes exactly these bytes, so the studio and `predict` share this step.
 */
export async function decodePixels(path: string, card: PixelGeometry): Promise<{ data: Buffer; channels: number }> {
  const { width, height, channels } = card.input;
  let image = sharp(path, { failOn: 'error', limitInputPixels: 268_402_689 }).rotate().flatten({ background: '#ffffff' });
  image = resizeFor(image, card);
  image = channels === 1 ? image.grayscale() : image.toColourspace('srgb');
  const { data, info } = await image.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  if (info.width !== width || info.height !== height) throw new Error(`decoded to ${info.width}×${info.height}, expected ${width}×${height}`);
  return { data, channels: info.channels };
}

// Bicubic, as the Hugging Face image processors of the catalog models resample (and
// cheaper than sharp's default lanczos3, which matters when decoding competes with inference).
const kernel = 'cubic';

function resizeFor(image: Sharp, card: PixelGeometry): Sharp {
  const { width, height } = card.input;
  const { resize, cropFraction } = card.preprocess;
  if (resize === 'fill') return image.resize(width, height, { fit: 'fill', kernel });
  if (resize === 'cover' || cropFraction >= 1) return image.resize(width, height, { fit: 'cover', kernel });
  // "Resize the short side to size/cropFraction, cut the centre": cover a larger box, then
  // extract the middle (extract after resize applies to the resized image).
  const bigW = Math.round(width / cropFraction);
  const bigH = Math.round(height / cropFraction);
  return image
    .resize(bigW, bigH, { fit: 'cover', kernel })
    .extract({ left: Math.floor((bigW - width) / 2), top: Math.floor((bigH - height) / 2), width, height });
}
