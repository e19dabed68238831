import type { BackboneCard } from './cards';

/**
 * The `pixels` backbone needs no download: an image is resized, scaled to 0–1 and
 * flattened. Its size and colour are part of its id, so any size works without
 * registering anything: `pixels` is 32×32 RGB, `pixels-28x28-gray` suits Fashion-MNIST.
 */
export const DEFAULT_PIXELS_ID = 'pixels';
const pattern = /^pixels-(\d{1,3})x(\d{1,3})-(gray|rgb)$/;

export function isPixelsId(id: string): boolean {
  return id === DEFAULT_PIXELS_ID || pattern.test(id);
}

/** The card of a pixels id, or null when the id is not a valid pixels id. */
export function pixelsCard(id: string): BackboneCard | null {
  let width = 32;
  let height = 32;
  let channels: 1 | 3 = 3;
  if (id !== DEFAULT_PIXELS_ID) {
    const match = pattern.exec(id);
    if (!match) return null;
    width = Number(match[1]);
    height = Number(match[2]);
    channels = match[3] === 'gray' ? 1 : 3;
    if (width < 1 || height < 1 || width > 256 || height > 256) return null;
  }
  const zeros = Array(channels).fill(0);
  const ones = Array(channels).fill(1);
  return {
    id,
    name: `Pixels ${width}×${height} ${channels === 1 ? 'grayscale' : 'RGB'}`,
    engine: 'pixels',
    input: { width, height, channels, layout: 'NHWC' },
    preprocess: { resize: 'fill', cropFraction: 1, scale: 1 / 255, mean: zeros, std: ones },
    output: { tap: 'output', pool: 'flatten' },
    embeddingSize: width * height * channels,
  };
}

/** Built-in pixels variants listed in the catalog (others can be named by id). */
export const builtinPixelsIds = [DEFAULT_PIXELS_ID, 'pixels-28x28-gray', 'pixels-64x64-rgb'];
