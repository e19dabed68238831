import type { CandidatePool } from './types';
import { topTwo } from './math/uncertainty';

/** "Shirt 0.41" for class `c` of pool row `index`. */
export function classAt(pool: CandidatePool, index: number, c: number): string {
  const p = pool.probabilities ? pool.probabilities[index * pool.numClasses + c] : NaN;
  return `${pool.classNames[c] ?? `class ${c}`} ${p.toFixed(2)}`;
}

/** The two classes the head hesitates between, e.g. "Shirt 0.41 and T-shirt/top 0.37". */
export function topTwoText(pool: CandidatePool, index: number): string {
  if (!pool.probabilities) return '';
  const { first, second } = topTwo(pool.probabilities, index, pool.numClasses);
  return `${classAt(pool, index, first)} and ${classAt(pool, index, second)}`;
}

export function marginText(pool: CandidatePool, index: number): string {
  if (!pool.probabilities) return '';
  const { first, second } = topTwo(pool.probabilities, index, pool.numClasses);
  const p = pool.probabilities;
  const k = pool.numClasses;
  const name = (c: number) => pool.classNames[c] ?? `class ${c}`;
  return `margin ${(p[index * k + first] - p[index * k + second]).toFixed(2)} between ${name(first)} and ${name(second)}`;
}
