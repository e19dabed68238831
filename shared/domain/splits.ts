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
 * holds its ratio however the imports arrive. Callers feed samples in a seeded pseudo-random
 * order (see `splitOrderKey`). Assignments are made once and never revisited.
 */
export class SplitAssigner {
  private readonly strata = new Map<string, SplitCounts>();

  constructor(private readonly ratios: SplitRatios = defaultSplitRatios) {}

  /** Counts a sample that already has its split (when reopening a project). */
  record(stratum: string, split: Split): void {
    this.countsOf(stratum)[split] += 1;
  }

  assign(stratum: string): Split {
    const counts = this.countsOf(stratum);
    const n = counts.train + counts.val + counts.test + 1;
    let best: Split = 'train';
    let bestDeficit = -Infinity;
    for (const split of splitOrder) {
      const deficit = this.ratios[split] * n - counts[split];
      if (deficit > bestDeficit + 1e-9) {
        best = split;
        bestDeficit = deficit;
      }
    }
    counts[best] += 1;
    return best;
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
