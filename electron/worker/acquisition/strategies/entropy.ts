import { topTwoText } from '../explain';
import { entropyScores } from '../math/uncertainty';
import { topK } from '../math/selectors';
import type { AcquisitionStrategy } from '../types';

export const entropyStrategy: AcquisitionStrategy = {
  name: 'entropy',
  summary: 'Picks the samples whose predicted class distribution has the highest entropy.',
  needs: ['probabilities'],
  score: (pool) => entropyScores(pool.probabilities!, pool.count, pool.numClasses),
  select: (scores, _pool, { n }) => topK(scores, n),
  explain: (index, score, pool) => `entropy ${score.toFixed(2)} of at most ${Math.log(pool.numClasses).toFixed(2)} (${topTwoText(pool, index)})`,
};
