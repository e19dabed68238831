import { seededRandom } from '../seededRandom';
import { diversitySpace } from '../diversitySpace';
import { resolveOptions } from '../options';
import { marginText } from '../explain';
import { kMeansRepresentatives } from '../math/kmeans';
import { topK } from '../math/selectors';
import { marginScores } from '../math/uncertainty';
import type { AcquisitionStrategy } from '../types';

/** How many times the batch size of top-uncertain candidates the diversity step sees. */
export const hybridPrefilter = 10;

/**
 * Uncertainty-weighted diversity (Zhdanov's "diverse mini-batch"): keep the
 * `hybridPrefilter × n` candidates with the smallest margin, cluster them into `n` groups
 * with k-means weighted by uncertainty, and take the candidate nearest each centre. A batch
 * is then spread over the confusing regions instead of being 20 near-copies of one. The
 * k-means runs in the embedding itself unless `projection` says otherwise.
 */
export const hybridStrategy: AcquisitionStrategy = {
  name: 'hybrid',
  summary: 'Picks uncertain samples (small margin) that are also spread out: k-means over the most uncertain candidates.',
  needs: ['probabilities', 'embeddings'],
  score: (pool) => marginScores(pool.probabilities!, pool.count, pool.numClasses),
  select: (scores, pool, { n, seed, options }) => {
    const shortlist = topK(scores, hybridPrefilter * n);
    if (shortlist.length <= n) return shortlist;
    const space = diversitySpace(pool, shortlist, resolveOptions(options).projection);
    const weights = Float32Array.from(shortlist, (row) => scores[row]);
    const { representatives } = kMeansRepresentatives(space.points, n, seededRandom(seed), { weights });
    return representatives.map((i) => shortlist[i]).sort((a, b) => scores[b] - scores[a]);
  },
  explain: (index, _score, pool) => `${marginText(pool, index)}; one of a spread-out batch`,
};
