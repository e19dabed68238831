import { seededRandom } from '../seededRandom';
import { diversitySpace } from '../diversitySpace';
import { resolveOptions } from '../options';
import { kMeansRepresentatives } from '../math/kmeans';
import { topK } from '../math/selectors';
import { subsample } from '../math/subsample';
import type { AcquisitionStrategy } from '../types';

/**
 * Cold start, before any model exists: cluster the embeddings into `n` groups and take the
 * sample nearest each centre, so the first labels cover the data's main modes (unlike
 * k-center, which favours outliers). Score = how many candidates the pick represents.
 * `subsample` and `projection` bound the cost on big pools.
 */
export const coldStartStrategy: AcquisitionStrategy = {
  name: 'cold-start',
  summary: 'First batch without a model: one typical sample from each of n clusters of the embeddings.',
  needs: ['embeddings'],
  coldStart: true,
  score: (pool, { n, seed, options }) => {
    const { subsample: limit, projection } = resolveOptions(options);
    const rows = limit === 'off' || pool.count <= limit ? null : subsample(pool.count, limit, seed);
    const space = diversitySpace(pool, rows, projection);
    const { representatives, sizes } = kMeansRepresentatives(space.points, n, seededRandom(seed));
    const scores = new Float32Array(pool.count);
    const scale = pool.count / space.points.count;
    representatives.forEach((i, c) => (scores[rows ? rows[i] : i] = Math.max(1, Math.round(sizes[c] * scale))));
    return scores;
  },
  select: (scores, _pool, { n }) => topK(scores, n),
  explain: (_index, score) => `typical of a cluster of about ${Math.round(score)} samples`,
};
