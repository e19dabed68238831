import { diversitySpace } from '../diversitySpace';
import { resolveOptions } from '../options';
import { kCenterGreedy } from '../math/selectors';
import { subsample } from '../math/subsample';
import type { AcquisitionStrategy, CandidatePool, QueryContext } from '../types';

/** The candidates k-center considers: all of them, or a seeded sample with `subsample: N`. */
function candidateRows(pool: CandidatePool, context: QueryContext): Int32Array | null {
  const { subsample: limit } = resolveOptions(context.options);
  return limit === 'off' || pool.count <= limit ? null : subsample(pool.count, limit, context.seed);
}

/**
 * Diversity: k-center greedy (Sener & Savarese 2018) on the embeddings, starting from the
 * labeled samples, so each pick is the candidate farthest from everything known. On the
 * whole pool in the embedding itself unless `subsample` / `projection` say otherwise.
 * Score = squared distance to the nearest labeled sample (0 for candidates left out).
 */
export const kCenterStrategy: AcquisitionStrategy = {
  name: 'k-center',
  summary: 'Picks the samples farthest from everything labeled so far (k-center greedy on embeddings).',
  needs: ['embeddings'],
  coldStart: true,
  score: (pool, context) => {
    const rows = candidateRows(pool, context);
    const space = diversitySpace(pool, rows, resolveOptions(context.options).projection);
    const nearest = space.labeledCount ? space.points.nearest(space.labeled, space.labeledCount).distances : null;
    const scores = new Float32Array(pool.count);
    for (let i = 0; i < space.points.count; i++) scores[rows ? rows[i] : i] = nearest ? nearest[i] : 1;
    return scores;
  },
  select: (scores, pool, context) => {
    const rows = candidateRows(pool, context);
    const space = diversitySpace(pool, rows, resolveOptions(context.options).projection);
    const initialDistances = space.labeledCount ? Float32Array.from({ length: space.points.count }, (_, i) => scores[rows ? rows[i] : i]) : undefined;
    return kCenterGreedy(space.points, context.n, { initialDistances }).map((i) => (rows ? rows[i] : i));
  },
  explain: (_index, score, pool) => (pool.labeled?.count ? `far from labeled samples (squared distance ${score.toFixed(1)})` : 'spread over the embedding space (no labels yet)'),
};
