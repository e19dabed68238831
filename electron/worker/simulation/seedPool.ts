import type { Split } from '../../../shared/contract/schemas';
import { SplitAssigner } from '../../../shared/domain/splits';
import { seededRandom, shuffledIndices } from '../acquisition/seededRandom';
import { subsample } from '../acquisition/math/subsample';

/**
 * One seed's pool: which training rows it holds (`rows[p]` for pool index p), the frozen
 * split of each (as an import without labels assigns them: a seeded order, 80/10/10 by
 * the app's `SplitAssigner`), and the val rows in the random order the queue asks for them.
 */
export interface SeedPool {
  rows: Int32Array;
  splits: Split[];
  valOrder: number[];
}

/** Mixed into the seed so pool, split order and val order are independent draws. */
const streams = { split: 0x5eed5, val: 0x7a1 };

/**
 * Draws the pool from `available` training rows. `splits`, when given (a project's own
 * frozen splits, one per training row), replaces the draw.
 */
export function seedPool(available: Int32Array, size: number | undefined, seed: number, splits?: readonly Split[]): SeedPool {
  const picked = subsample(available.length, size ?? available.length, seed);
  const rows = Int32Array.from(picked, (i) => available[i]);
  let poolSplits: Split[];
  if (splits) poolSplits = Array.from(rows, (r) => splits[r]);
  else {
    poolSplits = new Array<Split>(rows.length);
    const assigner = new SplitAssigner();
    for (const p of shuffledIndices(rows.length, seededRandom(seed ^ streams.split))) poolSplits[p] = assigner.assign('unlabeled');
  }
  const val = poolSplits.flatMap((s, p) => (s === 'val' ? [p] : []));
  const valOrder = Array.from(shuffledIndices(val.length, seededRandom(seed ^ streams.val)), (i) => val[i]);
  return { rows, splits: poolSplits, valOrder };
}
