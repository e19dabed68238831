import { seededRandom } from '../seededRandom';
import { topK } from '../math/selectors';
import type { AcquisitionStrategy } from '../types';

/** The baseline every other strategy is measured against. */
export const randomStrategy: AcquisitionStrategy = {
  name: 'random',
  summary: 'Picks samples uniformly at random: the baseline, and a safe cold start.',
  needs: [],
  coldStart: true,
  score: (pool, { seed }) => {
    const random = seededRandom(seed);
    return Float32Array.from({ length: pool.count }, () => random.next());
  },
  select: (scores, _pool, { n }) => topK(scores, n),
  explain: () => 'random pick (baseline)',
};
