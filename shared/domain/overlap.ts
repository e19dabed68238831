import { mulberry32 } from './mulberry32';
import { splitOrderKey } from './splits';

/** Salt that keeps the overlap draw independent of the split and held-out orders. */
const overlapSalt = 0x4f564c50;

/**
 * Whether a sample is one of the project's overlap samples: `rate` of them, drawn at random
 * but fixed by the project's seed and the image's content, so the same images stay chosen
 * across restarts and machines, and raising the rate only adds samples.
 */
export function isOverlapSample(projectSeed: number, rate: number, contentHash: string): boolean {
  if (rate <= 0) return false;
  return mulberry32(splitOrderKey((projectSeed ^ overlapSalt) | 0, contentHash))() < rate;
}
