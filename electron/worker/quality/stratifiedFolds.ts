import { seededRandom, shuffledIndices } from '../acquisition/seededRandom';

/**
 * Stratified k-fold assignment: within each class the rows are shuffled (seeded) and dealt
 * to the folds in turn, so every fold holds each class in about the same share (like
 * scikit-learn's StratifiedKFold with shuffle). A class with fewer rows than folds leaves
 * some folds without it; those folds' heads simply never saw it.
 */
export function stratifiedFolds(labels: Int32Array, count: number, folds: number, seed: number): Int32Array {
  const fold = new Int32Array(count);
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < count; i++) {
    const rows = byClass.get(labels[i]);
    if (rows) rows.push(i);
    else byClass.set(labels[i], [i]);
  }
  const random = seededRandom(seed);
  // Continue dealing where the previous class stopped, so small classes do not all land in fold 0.
  let next = 0;
  for (const c of [...byClass.keys()].sort((a, b) => a - b)) {
    const rows = byClass.get(c)!;
    for (const r of shuffledIndices(rows.length, random)) {
      fold[rows[r]] = next;
      next = (next + 1) % folds;
    }
  }
  return fold;
}
