import { seededRandom, shuffledIndices } from '../seededRandom';

/** Up to `limit` pool indices drawn without replacement (all of them, in order, if fewer). */
export function subsample(count: number, limit: number, seed: number): Int32Array {
  if (count <= limit) return Int32Array.from({ length: count }, (_, i) => i);
  return shuffledIndices(count, seededRandom(seed)).slice(0, limit).sort();
}
