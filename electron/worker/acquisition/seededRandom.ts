import { mulberry32 } from '../../../shared/domain/mulberry32';

/**
 * A small seeded pseudo-random generator (mulberry32). Heads, strategies and the simulation
 * draw from it so the same seed gives the same shuffles, picks and initial weights.
 */
export interface SeededRandom {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
}

export function seededRandom(seed: number): SeededRandom {
  // The seed is mixed first, so seeds 1, 2, 3 start far apart.
  const next = mulberry32(Math.imul(seed | 0, 0x9e3779b1) ^ 0x85ebca6b);
  return {
    next,
    int: (n) => Math.floor(next() * n),
    normal: () => {
      const u = 1 - next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
    },
  };
}

/** Fisher–Yates shuffle of 0..n-1 (or of `items`) with the given generator. */
export function shuffledIndices(n: number, random: SeededRandom): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = random.int(i + 1);
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  return order;
}
