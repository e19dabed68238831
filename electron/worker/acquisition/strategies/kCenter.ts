import { diversitySpace } from '../diversitySpace';
import { kCenterGreedy, nearestCenterDistances } from '../math/selectors';
import { subsample } from '../math/subsample';
import type { AcquisitionStrategy } from '../types';

/** Distances to the labeled set cost pool × labeled; beyond this many candidates, draw a sample. */
const maxCandidates = 5000;

/**
 * Diversity: k-center greedy on embeddings, starting from the labeled samples, so each pick
 * is the candidate farthest from everything known. Score = squared distance to the nearest
 * labeled sample (0 for candidates outside the drawn sample).
 */
export const kCenterStrategy: AcquisitionStrategy = {
  name: 'k-center',
  summary: 'Picks the samples farthest from everything labeled so far (k-center greedy on embeddings).',
  needs: ['embeddings'],
  coldStart: true,
  score: (pool, { seed }) => {
    const rows = subsample(pool.count, maxCandidates, seed);
    const space = diversitySpace(pool, rows);
    const nearest = nearestCenterDistances(space.points, rows.length, space.labeled, space.labeledCount, space.dim);
    const scores = new Float32Array(pool.count);
    rows.forEach((row, i) => (scores[row] = Number.isFinite(nearest[i]) ? nearest[i] : 1));
    return scores;
  },
  select: (scores, pool, { n, seed }) => {
    const rows = subsample(pool.count, maxCandidates, seed);
    const space = diversitySpace(pool, rows);
    const initialDistances = space.labeledCount ? Float32Array.from(rows, (row) => scores[row]) : undefined;
    return kCenterGreedy(space.points, rows.length, space.dim, n, { initialDistances }).map((i) => rows[i]);
  },
  explain: (_index, score, pool) => (pool.labeled?.count ? `far from labeled samples (squared distance ${score.toFixed(1)})` : 'spread over the embedding space (no labels yet)'),
};
