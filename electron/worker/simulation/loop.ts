import { gatherRows } from '../acquisition/math/projection';
import { query, type AcquisitionStrategy, type CandidatePool } from '../acquisition/index';
import { trainHead, type Head } from '../heads/index';
import { accuracyOf, type LabeledRows } from './features';
import type { CurvePoint, SimulationHooks, SimulationSettings } from './types';

/** What one (strategy, seed) run works on. `poolRows` index `train`; `initial` indexes `poolRows`. */
export interface LoopInput {
  strategy: AcquisitionStrategy;
  seed: number;
  train: LabeledRows;
  test: LabeledRows;
  classNames: string[];
  poolRows: Int32Array;
  initial: number[];
}

/**
 * The active-learning loop with the dataset's labels as the oracle: train the head on what
 * is labeled, measure test accuracy, let the strategy pick `batch` more from the unlabeled
 * pool (it sees embeddings and the head's outputs, never the labels), reveal their labels,
 * repeat. Stops early, keeping the curve so far, when the signal fires.
 */
export async function runLoop(input: LoopInput, settings: SimulationSettings, hooks: SimulationHooks = {}): Promise<CurvePoint[]> {
  const { strategy, seed, train, test, classNames, poolRows } = input;
  const numClasses = classNames.length;
  const labeled = new Set<number>(input.initial);
  const curve: CurvePoint[] = [];
  for (let round = 0; round <= settings.rounds && !hooks.signal?.aborted; round++) {
    try {
      const labeledRows = Int32Array.from(labeled, (p) => poolRows[p]);
      const training = { x: gatherRows(train.x, train.dim, labeledRows), y: Int32Array.from(labeledRows, (r) => train.y[r]), count: labeledRows.length, dim: train.dim };
      const { head } = await trainHead(training, { ...settings.head, seed: settings.head.seed + seed }, { numClasses, signal: hooks.signal });
      try {
        const accuracy = accuracyOf(head.predict(test.x, test.count), test.y, test.count, numClasses);
        curve.push({ labels: labeled.size, accuracy: Number(accuracy.toFixed(4)) });
        hooks.progress?.(`${strategy.name} seed ${seed} round ${round}/${settings.rounds}: ${labeled.size} labels → test accuracy ${(accuracy * 100).toFixed(1)}%`);
        if (round === settings.rounds) break;
        const unlabeled = Int32Array.from(poolRows.keys()).filter((p) => !labeled.has(p));
        const candidates = candidatePool(head, train, unlabeled, poolRows, labeledRows, classNames, settings.mcPasses, seed * 7 + round);
        const picks = await query(strategy, candidates, { seed: seed * 1000 + round, n: settings.batch, signal: hooks.signal });
        for (const pick of picks) labeled.add(unlabeled[pick.index]);
      } finally {
        head.dispose();
      }
    } catch (error) {
      // Ctrl+C: keep the curve so far; anything else is a real failure.
      if (hooks.signal?.aborted) break;
      throw error;
    }
  }
  return curve;
}

function candidatePool(head: Head, train: LabeledRows, unlabeled: Int32Array, poolRows: Int32Array, labeledRows: Int32Array, classNames: string[], passes: number, seed: number): CandidatePool {
  const rows = Int32Array.from(unlabeled, (p) => poolRows[p]);
  const embeddings = gatherRows(train.x, train.dim, rows);
  const mcDropout = head.config.dropout > 0 ? { passes, sample: (start: number, count: number) => head.predictPasses(embeddings.subarray(start * train.dim), count, passes, seed + start) } : undefined;
  return {
    count: rows.length,
    embeddings,
    dim: train.dim,
    numClasses: classNames.length,
    classNames,
    probabilities: head.predict(embeddings, rows.length),
    mcDropout,
    labeled: { embeddings: gatherRows(train.x, train.dim, labeledRows), count: labeledRows.length },
  };
}
