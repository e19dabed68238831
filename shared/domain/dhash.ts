/**
 * Exact near-duplicate lookup over difference hashes (hex digits, a multiple of 4: the 64-bit
 * dHash or the 256-bit fine hash): every indexed hash within `distance` bits of a query, none
 * missed, however full a bucket gets.
 *
 * Multi-index hashing (Norouzi, Punjani and Fleet, "Fast Search in Hamming Space with
 * Multi-Index Hashing", 2012): the hash is cut into m 16-bit bands. Two hashes at most `d`
 * bits apart differ in at most ⌊d / m⌋ bits of some band (pigeonhole), so probing, in each
 * band, every key within ⌊d / m⌋ bits of the query's band finds every candidate. Items with
 * the same hash share one entry, so a burst of ten thousand identical frames is one
 * candidate, not ten thousand.
 */
export class NearDuplicateIndex<T> {
  private readonly hashes: string[] = [];
  /** Each hash as 32-bit words, `words` per hash, end to end. */
  private readonly packed: number[] = [];
  private readonly members: T[][] = [];
  private readonly entryOf = new Map<string, number>();
  private readonly bands: Map<number, number[]>[];
  private readonly words: number;

  /**
   * `bits`: the hash length (64 or 256). `maxDistance`: the largest distance queries may
   * ask for, below three bits per 16-bit band.
   */
  constructor(
    readonly maxDistance = 6,
    readonly bits = 64,
  ) {
    if (bits % 32 !== 0 || bits < 32) throw new RangeError('the hash length must be a multiple of 32 bits');
    if (maxDistance < 0 || maxDistance >= 3 * (bits / 16)) throw new RangeError(`maxDistance must be between 0 and ${3 * (bits / 16) - 1} bits`);
    this.words = bits / 32;
    this.bands = Array.from({ length: bits / 16 }, () => new Map<number, number[]>());
  }

  /** Distinct hashes held. */
  get size(): number {
    return this.hashes.length;
  }

  add(item: T, hash: string): void {
    const known = this.entryOf.get(hash);
    if (known !== undefined) {
      this.members[known].push(item);
      return;
    }
    const entry = this.hashes.length;
    const words = this.wordsOf(hash);
    this.hashes.push(hash);
    this.packed.push(...words);
    this.members.push([item]);
    this.entryOf.set(hash, entry);
    bandValues(words).forEach((value, band) => {
      const bucket = this.bands[band].get(value);
      if (bucket) bucket.push(entry);
      else this.bands[band].set(value, [entry]);
    });
  }

  /** The items whose hash is exactly `hash`. */
  same(hash: string): readonly T[] {
    const entry = this.entryOf.get(hash);
    return entry === undefined ? [] : this.members[entry];
  }

  /** Every distinct indexed hash within `distance` bits of `hash`, with its items. */
  within(hash: string, distance = this.maxDistance): { hash: string; distance: number; items: readonly T[] }[] {
    if (distance > this.maxDistance) throw new RangeError(`this index answers up to ${this.maxDistance} bits, not ${distance}`);
    const words = this.wordsOf(hash);
    const found: { hash: string; distance: number; items: readonly T[] }[] = [];
    const exact = this.entryOf.get(hash);
    if (distance === 0) return exact === undefined ? found : [{ hash, distance: 0, items: this.members[exact] }];
    if (this.seen.length < this.hashes.length) this.seen = new Uint32Array(Math.max(1024, this.hashes.length * 2));
    const stamp = ++this.query;
    const values = bandValues(words);
    const { bands, masks } = this.probes(values, distance);
    for (const band of bands) {
      const buckets = this.bands[band];
      for (const mask of masks) {
        const bucket = buckets.get(values[band] ^ mask);
        if (!bucket) continue;
        for (const entry of bucket) {
          if (this.seen[entry] === stamp) continue;
          this.seen[entry] = stamp;
          let d = 0;
          for (let w = 0; w < this.words && d <= distance; w++) d += popcount32((this.packed[entry * this.words + w] ^ words[w]) >>> 0);
          if (d <= distance) found.push({ hash: this.hashes[entry], distance: d, items: this.members[entry] });
        }
      }
    }
    return found;
  }

  /** Per entry, the last query that compared it (so no entry is compared twice). */
  private seen = new Uint32Array(0);
  private query = 0;

  /**
   * Which bands to probe, and at what radius. A pair at most `distance` bits apart has at
   * most `radius` differing bits in at least one of any ⌊distance / (radius + 1)⌋ + 1 bands,
   * so probing that many bands is exact. The cheapest bands for this query are chosen: on
   * images with flat backgrounds some band values are shared by nearly every hash, and
   * probing them would compare the query with the whole index.
   */
  private probes(values: number[], distance: number): { bands: number[]; masks: readonly number[] } {
    let best: { cost: number; bands: number[]; masks: readonly number[] } | null = null;
    for (let radius = 0; radius < flipMasks.length; radius++) {
      const need = Math.floor(distance / (radius + 1)) + 1;
      const masks = flipMasks[radius];
      if (need > values.length) continue;
      // Every probe costs a lookup, so a wider radius cannot beat a cost below its lookups alone.
      if (best && best.cost <= need * masks.length) break;
      const costs = values.map((value, band) => {
        let cost = masks.length;
        for (const mask of masks) cost += this.bands[band].get(value ^ mask)?.length ?? 0;
        return { band, cost };
      });
      costs.sort((x, y) => x.cost - y.cost);
      const chosen = costs.slice(0, need);
      const cost = chosen.reduce((sum, c) => sum + c.cost, 0);
      if (!best || cost < best.cost) best = { cost, bands: chosen.map((c) => c.band), masks };
    }
    return best!;
  }

  /** The closest indexed item within `distance` bits, or null. */
  nearest(hash: string, distance = this.maxDistance): { item: T; distance: number } | null {
    let best: { item: T; distance: number } | null = null;
    for (const hit of this.within(hash, distance)) if (!best || hit.distance < best.distance) best = { item: hit.items[0], distance: hit.distance };
    return best;
  }

  private wordsOf(hash: string): number[] {
    if (hash.length !== this.words * 8) throw new RangeError(`expected a ${this.words * 32}-bit hash (${this.words * 8} hex digits), got ${hash.length} digits`);
    return Array.from({ length: this.words }, (_, w) => parseInt(hash.slice(w * 8, w * 8 + 8), 16) >>> 0);
  }
}

function bandValues(words: readonly number[]): number[] {
  return words.flatMap((w) => [w >>> 16, w & 0xffff]);
}

/** XOR masks that flip at most 0, 1 or 2 of 16 bits: the band keys within that radius. */
const flipMasks: readonly (readonly number[])[] = (() => {
  const one = Array.from({ length: 16 }, (_, i) => 1 << i);
  const two = one.flatMap((m, i) => one.slice(i + 1).map((n) => m | n));
  return [[0], [0, ...one], [0, ...one, ...two]];
})();

export function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

const popcount4 = [0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4];

export function hammingHex(a: string, b: string): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) d += popcount4[parseInt(a[i], 16) ^ parseInt(b[i], 16)];
  return d;
}
