import { gatherRows, randomProjection } from './math/projection';
import type { CandidatePool } from './types';

/** Distances for diversity are measured in this many dimensions (see randomProjection). */
export const diversityDims = 64;
/** Fixed, so candidates and labeled samples land in the same space every round. */
const projectionSeed = 20240611;

export interface DiversitySpace {
  points: Float32Array;
  labeled: Float32Array;
  labeledCount: number;
  dim: number;
}

// score() and select() of one query need the same projection: keep the last one per pool.
const lastProjection = new WeakMap<CandidatePool, { rows: ArrayLike<number>; space: DiversitySpace }>();

/** The listed pool rows (and the labeled rows) projected into the shared diversity space. */
export function diversitySpace(pool: CandidatePool, rows: ArrayLike<number>): DiversitySpace {
  const cached = lastProjection.get(pool);
  if (cached && sameRows(cached.rows, rows)) return cached.space;
  const space = project(pool, rows);
  lastProjection.set(pool, { rows, space });
  return space;
}

function sameRows(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function project(pool: CandidatePool, rows: ArrayLike<number>): DiversitySpace {
  const picked = randomProjection(gatherRows(pool.embeddings, pool.dim, rows), rows.length, pool.dim, diversityDims, projectionSeed);
  const labeledCount = pool.labeled?.count ?? 0;
  const labeled = labeledCount ? randomProjection(pool.labeled!.embeddings, labeledCount, pool.dim, diversityDims, projectionSeed).points : new Float32Array(0);
  return { points: picked.points, labeled, labeledCount, dim: picked.dim };
}
