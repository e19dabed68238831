import { topTwoText } from '../explain';
import { baldScores } from '../math/uncertainty';
import { topK } from '../math/selectors';
import type { AcquisitionStrategy } from '../types';

/** Pool rows per MC-dropout request: passes × rows × classes floats stay small. */
const chunkRows = 4096;

/**
 * BALD (Houlsby et al. 2011; Gal, Islam & Ghahramani 2017): the mutual information between
 * a candidate's label and the head's weights, estimated from MC-dropout passes, top-k over
 * the pool (or over margin's `shortlist` when that option is set).
 */
export const baldStrategy: AcquisitionStrategy = {
  name: 'bald',
  summary: 'Picks the samples on which MC-dropout passes of the head disagree most (BALD).',
  needs: ['mc-dropout'],
  score: async (pool, { signal }) => {
    const { passes, sample } = pool.mcDropout!;
    const scores = new Float32Array(pool.count);
    for (let start = 0; start < pool.count && !signal?.aborted; start += chunkRows) {
      const rows = Math.min(chunkRows, pool.count - start);
      scores.set(baldScores(sample(pool.embeddings.subarray(start * pool.dim, (start + rows) * pool.dim), rows), passes, rows, pool.numClasses), start);
      await new Promise((resolve) => setImmediate(resolve));
    }
    return scores;
  },
  select: (scores, _pool, { n }) => topK(scores, n),
  explain: (index, score, pool) => `BALD ${score.toFixed(3)}: dropout passes disagree${pool.probabilities ? ` (${topTwoText(pool, index)})` : ''}`,
};
