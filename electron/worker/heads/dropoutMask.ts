import type { SeededRandom } from '../acquisition/seededRandom';

/**
 * Dropout drawn in plain JS from our seeded generators (TF.js's own draws one JS random per
 * element through `tf.randomUniform` anyway). Each 32-bit draw gives four keep/drop
 * decisions at a resolution of 1/256, four times fewer draws. Kept values are scaled by
 * 1 / (1 − rate) so the expected activation is unchanged.
 */
export function dropoutThreshold(rate: number): number {
  return Math.min(255, Math.max(0, Math.round(rate * 256)));
}

/** The factor kept values get, as a float32 (the SIMD kernels multiply in float32 too). */
export function keepScale(threshold: number): number {
  return Math.fround(1 / (1 - threshold / 256));
}

/** One seed per batch (or MC pass) for `applyRowDropout`, drawn from the run's generator. */
export function dropoutSeed(random: SeededRandom): number {
  return (random.next() * 4294967296) >>> 0;
}

/**
 * Input dropout on `rows` rows of `dim` features (`stride` floats apart) from a mulberry32
 * stream whose state starts at `seed`: each row draws ceil(dim / 4) numbers, and byte b of
 * number g decides feature 4g + b. The SIMD kernels (simd/linear.wat, `gatherDropout`) draw
 * the very same stream, so both engines drop the same features.
 */
export function applyRowDropout(values: Float32Array, rows: number, dim: number, rate: number, seed: number, stride = dim): void {
  const threshold = dropoutThreshold(rate);
  if (threshold === 0) return;
  const keep = keepScale(threshold);
  const groups = Math.ceil(dim / 4);
  let state = seed | 0;
  for (let r = 0; r < rows; r++) {
    const row = r * stride;
    for (let g = 0; g < groups; g++) {
      state = (state + 0x6d2b79f5) | 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      t ^= t >>> 14;
      for (let b = 0; b < 4; b++) {
        const d = 4 * g + b;
        if (d >= dim) break;
        values[row + d] = ((t >>> (8 * b)) & 0xff) < threshold ? 0 : Math.fround(values[row + d] * keep);
      }
    }
  }
}

/** A fresh mask of 0 and 1 / (1 − rate) values, for dropout on an MLP's hidden units. */
export function dropoutMask(size: number, rate: number, random: SeededRandom): Float32Array {
  const mask = new Float32Array(size).fill(1);
  if (rate > 0) applyRowDropout(mask, 1, size, rate, dropoutSeed(random));
  return mask;
}
