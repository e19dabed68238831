import { seededRandom } from '../seededRandom';
import { diversitySpace } from '../diversitySpace';
import { kMeansRepresentatives } from '../math/kmeans';
import { topK } from '../math/selectors';
import { subsample } from '../math/subsample';
import type { AcquisitionStrategy } from '../types';

/** k-means over more candidates than this gains little for a first batch and costs time. */
const maxCandidates = 5000;

/**
 * Cold start, before any model exists: cluster the embeddings into `n` groups and take the
 * sample nearest each centre, so the first labels cover the data's main modes (unlike
 * k-center, which favours outliers). Score = how many candidates the pick represents.
 */
export const coldStartStrategy: AcquisitionStrategy = {
  name: 'cold-start',
  summary: 'First batch without a model: one typical sample from each of n clusters of the embeddings.',
  needs: ['embeddings'],
  coldStart: true,
  score: (pool, { n, seed }) => {
    const rows = subsample(pool.count, maxCandidates, seed);
    const space = diversitySpace(pool, rows);
    const { representatives, sizes } = kMeansRepresentatives(space.points, rows.length, space.dim, n, seededRandom(seed));
    const scores = new Float32Array(pool.count);
    const scale = pool.count / rows.length;
    representatives.forEach((i, c) => (scores[rows[i]] = Math.max(1, Math.round(sizes[c] * scale))));
    return scores;
  },
  select: (scores, _pool, { n }) => topK(scores, n),
  explain: (_index, score) => `typical of a cluster of about ${Math.round(score)} samples`,
};
