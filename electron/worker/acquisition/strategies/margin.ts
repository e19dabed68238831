import { marginText } from '../explain';
import { marginScores } from '../math/uncertainty';
import { topK } from '../math/selectors';
import type { AcquisitionStrategy } from '../types';

export const marginStrategy: AcquisitionStrategy = {
  name: 'margin',
  summary: 'Picks the samples whose two most likely classes are closest in probability.',
  needs: ['probabilities'],
  score: (pool) => marginScores(pool.probabilities!, pool.count, pool.numClasses),
  select: (scores, _pool, { n }) => topK(scores, n),
  explain: (index, _score, pool) => marginText(pool, index),
};
