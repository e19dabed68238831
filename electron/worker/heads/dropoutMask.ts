import type { SeededRandom } from '../acquisition/seededRandom';

/**
 * Dropout drawn in plain JS from our seeded generator (TF.js's own draws one JS random per
 * element through `tf.randomUniform` anyway). Each 32-bit draw gives four keep/drop
 * decisions at a resolution of 1/256, four times fewer draws. Kept values are scaled by
 * 1 / (1 − rate) so the expected activation is unchanged.
 */
export function applyDropout(values: Float32Array, rate: number, random: SeededRandom): void {
  if (rate <= 0) return;
  const threshold = Math.round(rate * 256);
  const keepScale = 1 / (1 - threshold / 256);
  for (let i = 0; i < values.length; i += 4) {
    const bits = (random.next() * 4294967296) >>> 0;
    for (let b = 0; b < 4 && i + b < values.length; b++) {
      values[i + b] = ((bits >>> (8 * b)) & 0xff) < threshold ? 0 : values[i + b] * keepScale;
    }
  }
}

/** A fresh mask of 0 and 1 / (1 − rate) values, for dropout on hidden units. */
export function dropoutMask(size: number, rate: number, random: SeededRandom): Float32Array {
  const mask = new Float32Array(size).fill(1);
  applyDropout(mask, rate, random);
  return mask;
}
