import { query, type AcquisitionOptions, type AcquisitionStrategy, type CandidatePool } from '../acquisition/index';
import { gatherRows } from '../acquisition/math/projection';
import type { Dataset, Head, SavedHead } from '../heads/index';
import { trainRoundHead } from '../training/trainRoundHead';
import { accuracyOf, type LabeledRows } from './features';
import { ValAsks } from './heldOutAsks';
import type { SeedPool } from './seedPool';
import type { CurvePoint, SimulationHooks, SimulationSettings } from './types';

/** What one (strategy, seed) run works on. */
export interface LoopInput {
  strategy: AcquisitionStrategy;
  /** The spec the report lists it under, e.g. "bald:shortlist=2000". */
  spec: string;
  options: Partial<AcquisitionOptions>;
  seed: number;
  train: LabeledRows;
  /** Where accuracy is measured (the test set or the tuning carve). */
  evaluation: LabeledRows;
  classNames: string[];
  pool: SeedPool;
  /** The first batch, in labeling order (pool indices), shared by every strategy of the seed. */
  initial: number[];
}

/**
 * The active-learning loop with the dataset's labels as the oracle, as the app runs it:
 * train the head on the train-split labels (early stopping on the val labels, warm start
 * from the previous round's head) through `trainRoundHead`, measure accuracy, then fill the
 * next batch: a random val sample in every fourth slot while val labels are short, the
 * strategy's picks from the unlabeled train split in the others. Strategies see
 * embeddings and the head's outputs, never the labels. Stops early, keeping the curve so
 * far, when the signal fires.
 */
export async function runLoop(input: LoopInput, settings: SimulationSettings, hooks: SimulationHooks = {}): Promise<CurvePoint[]> {
  const { strategy, seed, train, pool, classNames } = input;
  const numClasses = classNames.length;
  const labelOf = (p: number) => train.y[pool.rows[p]];
  const asks = new ValAsks(pool.valOrder, labelOf, numClasses, settings.valPerClass);
  const labeled: number[] = [];
  const isLabeled = new Uint8Array(pool.rows.length);
  const add = (p: number) => {
    labeled.push(p);
    isLabeled[p] = 1;
  };
  // The first batch: its val slots follow the queue's rule, its other slots take the initial picks in order.
  const initialPicks = input.initial[Symbol.iterator]();
  for (let slot = 0; slot < settings.initial; slot++) {
    const p = asks.take(slot) ?? initialPicks.next().value;
    if (p !== undefined) add(p);
  }

  const curve: CurvePoint[] = [];
  let previous: SavedHead | null = null;
  for (let round = 0; round <= settings.rounds && !hooks.signal?.aborted; round++) {
    let head: Head | null = null;
    try {
      const trained = await trainRoundHead({ ...roundSets(train, pool, labeled), numClasses, head: settings.head, features: 'pixels', previous, signal: hooks.signal });
      head = trained.head;
      previous = head.save();
      hooks.onRound?.({ strategy: input.spec, seed, round, labeled: [...labeled].sort((a, b) => a - b).map((p) => ({ row: pool.rows[p], split: pool.splits[p] })), head: previous });
      const accuracy = accuracyOf(head.predict(input.evaluation.x, input.evaluation.count), input.evaluation.y, input.evaluation.count, numClasses);
      const val = labeled.filter((p) => pool.splits[p] === 'val').length;
      curve.push({ labels: labeled.length, val, accuracy: Number(accuracy.toFixed(4)) });
      hooks.progress?.(`${input.spec} seed ${seed} round ${round}/${settings.rounds}: ${labeled.length} labels (${val} val) → accuracy ${(accuracy * 100).toFixed(1)}%`);
      const crossed = curve.findIndex((p) => p.accuracy >= settings.target);
      if (round === settings.rounds || (settings.roundsAfterTarget !== null && crossed >= 0 && round - crossed >= settings.roundsAfterTarget)) break;
      // Val asks first: they decide how many slots of the batch the strategy fills.
      const asked: number[] = [];
      let strategySlots = 0;
      for (let slot = labeled.length; slot < labeled.length + settings.batch; slot++) {
        const p = asks.take(slot);
        if (p === null) strategySlots++;
        else asked.push(p);
      }
      asked.forEach(add);
      const candidates = Int32Array.from(pool.rows.keys()).filter((p) => pool.splits[p] === 'train' && !isLabeled[p]);
      const picks = await query(strategy, candidatePool(head, train, pool, candidates, labeled, classNames, settings.mcPasses, seed * 7 + round), {
        seed: seed * 1000 + round,
        n: strategySlots,
        signal: hooks.signal,
        options: input.options,
      });
      for (const pick of picks) add(candidates[pick.index]);
    } catch (error) {
      // Ctrl+C: keep the curve so far; anything else is a real failure.
      if (hooks.signal?.aborted) break;
      throw error;
    } finally {
      head?.dispose();
    }
  }
  return curve;
}

/**
 * The labeled rows by split in sample order (pool order), as the app's label snapshot hands
 * them to the train job's `labeledSets`: the head sees the same rows in the same order.
 */
export function roundSets(train: LabeledRows, pool: SeedPool, labeled: number[]): { train: Dataset; val: Dataset | null } {
  const inOrder = [...labeled].sort((a, b) => a - b);
  const part = (split: 'train' | 'val'): Dataset => {
    const rows = Int32Array.from(inOrder.filter((p) => pool.splits[p] === split), (p) => pool.rows[p]);
    return { x: gatherRows(train.x, train.dim, rows), y: Int32Array.from(rows, (r) => train.y[r]), count: rows.length, dim: train.dim };
  };
  const val = part('val');
  return { train: part('train'), val: val.count ? val : null };
}

function candidatePool(head: Head, train: LabeledRows, pool: SeedPool, candidates: Int32Array, labeled: number[], classNames: string[], passes: number, seed: number): CandidatePool {
  const rows = Int32Array.from(candidates, (p) => pool.rows[p]);
  const embeddings = gatherRows(train.x, train.dim, rows);
  let chunk = 0;
  const mcDropout = head.config.dropout > 0 ? { passes, sample: (x: Float32Array, count: number) => head.predictPasses(x, count, passes, seed + chunk++) } : undefined;
  return {
    count: rows.length,
    embeddings,
    dim: train.dim,
    numClasses: classNames.length,
    classNames,
    probabilities: head.predict(embeddings, rows.length),
    mcDropout,
    labeled: { embeddings: gatherRows(train.x, train.dim, Int32Array.from(labeled, (p) => pool.rows[p])), count: labeled.length },
  };
}
