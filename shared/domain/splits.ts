import type { Split } from '../contract/schemas';

export interface SplitRatios {
  train: number;
  val: number;
  test: number;
}

export const defaultSplitRatios: SplitRatios = { train: 0.8, val: 0.1, test: 0.1 };
const splitOrder: Split[] = ['train', 'val', 'test'];

export type SplitCounts = Record<Split, number>;

/**
 * Frozen stratified splits. Each stratum (an imported label, or "no label") keeps its own
 * counts; a new sample goes to the split furthest below its target share, so every class
 * holds its ratio however the imports arrive. A near-duplicate group goes to one split whole:
 * the one that leaves its strata closest to their shares. Callers feed samples in a seeded
 * pseudo-random order (see `splitOrderKey`), larger groups first. Assignments are made once
 * and never revisited.
 */
export class SplitAssigner {
  private readonly strata = new Map<string, SplitCounts>();

  constructor(private readonly ratios: SplitRatios = defaultSplitRatios) {}

  /** Counts a sample that already has its split (when reopening a project). */
  record(stratum: string, split: Split, count = 1): void {
    this.countsOf(stratum)[split] += count;
  }

  assign(stratum: string): Split {
    return this.assignGroup(new Map([[stratum, 1]]));
  }

  /**
   * Places a whole group (images per stratum) in the split that minimises the squared
   * distance of its strata's counts from their target shares, and counts it there. For one
   * image this is the split furthest below its share.
   */
  assignGroup(members: ReadonlyMap<string, number>): Split {
    let best: Split = 'train';
    let bestCost = Infinity;
    for (const split of splitOrder) {
      let cost = 0;
      for (const [stratum, n] of members) {
        const counts = this.countsOf(stratum);
        const total = counts.train + counts.val + counts.test + n;
        for (const s of splitOrder) cost += (counts[s] + (s === split ? n : 0) - this.ratios[s] * total) ** 2;
      }
      if (cost < bestCost - 1e-9) {
        best = split;
        bestCost = cost;
      }
    }
    for (const [stratum, n] of members) this.countsOf(stratum)[best] += n;
    return best;
  }

  /** The counts per split of one stratum so far. */
  countsFor(stratum: string): Readonly<SplitCounts> {
    return this.countsOf(stratum);
  }

  private countsOf(stratum: string): SplitCounts {
    let counts = this.strata.get(stratum);
    if (!counts) {
      counts = { train: 0, val: 0, test: 0 };
      this.strata.set(stratum, counts);
    }
    return counts;
  }
}

/** The share tolerance the studio promises: ±1 image or 1 % of the stratum, whichever is larger. */
export function splitTolerance(stratumSize: number): number {
  return Math.max(1, 0.01 * stratumSize);
}

/** A seeded sort key: the same project seed and content always give the same order. */
export function splitOrderKey(seed: number, contentHash: string): number {
  // FNV-1a over the seed and the hash text: cheap, stable, well spread.
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < contentHash.length; i++) {
    h ^= contentHash.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function validateRatios(r: SplitRatios): string | null {
  const values = [r.train, r.val, r.test];
  if (values.some((v) => !(v >= 0 && v <= 1))) return 'each split share must be between 0 and 1';
  if (Math.abs(values.reduce((a, b) => a + b, 0) - 1) > 1e-6) return 'the split shares must add up to 1';
  return null;
}
