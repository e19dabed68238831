import { classAt } from '../explain';
import { leastConfidenceScores, topTwo } from '../math/uncertainty';
import { topK } from '../math/selectors';
import type { AcquisitionStrategy } from '../types';

export const leastConfidenceStrategy: AcquisitionStrategy = {
  name: 'least-confidence',
  summary: 'Picks the samples whose most likely class has the lowest probability.',
  needs: ['probabilities'],
  score: (pool) => leastConfidenceScores(pool.probabilities!, pool.count, pool.numClasses),
  select: (scores, _pool, { n }) => topK(scores, n),
  explain: (index, _score, pool) => `top class only ${classAt(pool, index, topTwo(pool.probabilities!, index, pool.numClasses).first)}`,
};
