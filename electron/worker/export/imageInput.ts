import { decodePixels, type PixelGeometry } from '../images/decodeForCard';

/**
 * One image as an exported model takes it: uint8, `height × width × channels`, interleaved
 * (NHWC), decoded exactly as the studio decodes it for embedding (EXIF orientation, white
 * behind transparency, the card's resize, sRGB or grayscale). A grayscale source feeding
 * an RGB model repeats its one band, as the studio does.
 */
export async function imageInput(path: string, geometry: PixelGeometry): Promise<Uint8Array> {
  const { width, height, channels } = geometry.input;
  const { data, channels: stride } = await decodePixels(path, geometry);
  if (stride === channels) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const out = new Uint8Array(width * height * channels);
  for (let p = 0; p < width * height; p++) {
    for (let c = 0; c < channels; c++) out[p * channels + c] = data[p * stride + Math.min(c, stride - 1)];
  }
  return out;
}

/** Several images into one `[count, H, W, C]` batch, decoded concurrently on sharp's threads. */
export async function imageBatch(paths: string[], geometry: PixelGeometry): Promise<Uint8Array> {
  const { width, height, channels } = geometry.input;
  const size = width * height * channels;
  const batch = new Uint8Array(paths.length * size);
  const images = await Promise.all(paths.map((path) => imageInput(path, geometry)));
  images.forEach((image, i) => batch.set(image, i * size));
  return batch;
}
