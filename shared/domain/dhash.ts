/**
 * Near-duplicate lookup over 64-bit difference hashes (16 hex digits). Two images whose
 * hashes differ in at most `maxDistance` bits are near-duplicates. By the pigeonhole
 * principle such a pair agrees exactly on at least one of (maxDistance + 1) bands, so
 * candidates come from band buckets instead of a scan of every sample.
 */
export class NearDuplicateIndex<T> {
  private readonly buckets = new Map<string, T[]>();
  private readonly hashes = new Map<T, string>();
  private readonly bandWidth: number;

  constructor(readonly maxDistance = 6) {
    this.bandWidth = Math.floor(16 / (maxDistance + 1)) || 1;
  }

  add(item: T, dhash: string): void {
    this.hashes.set(item, dhash);
    for (const key of this.bandKeys(dhash)) {
      const list = this.buckets.get(key);
      if (list) list.push(item);
      else this.buckets.set(key, [item]);
    }
  }

  /**
   * The closest already-indexed item within maxDistance, or null. An exact match ends the
   * search at once, and each band bucket is scanned only up to `scanLimit` items, so bursts
   * of thousands of identical-looking images cannot make an import quadratic.
   */
  nearest(dhash: string, scanLimit = 256): { item: T; distance: number } | null {
    let best: { item: T; distance: number } | null = null;
    for (const key of this.bandKeys(dhash)) {
      const bucket = this.buckets.get(key) ?? [];
      for (let i = 0; i < bucket.length && i < scanLimit; i++) {
        const item = bucket[i];
        const distance = hammingHex(dhash, this.hashes.get(item)!);
        if (distance === 0) return { item, distance };
        if (distance <= this.maxDistance && (!best || distance < best.distance)) best = { item, distance };
      }
    }
    return best;
  }

  private bandKeys(dhash: string): string[] {
    const keys: string[] = [];
    const bands = this.maxDistance + 1;
    for (let b = 0; b < bands; b++) {
      const start = b * this.bandWidth;
      const end = b === bands - 1 ? 16 : start + this.bandWidth;
      keys.push(`${b}:${dhash.slice(start, end)}`);
    }
    return keys;
  }
}

const popcount4 = [0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4];

export function hammingHex(a: string, b: string): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) d += popcount4[parseInt(a[i], 16) ^ parseInt(b[i], 16)];
  return d;
}
