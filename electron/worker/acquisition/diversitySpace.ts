import { gatherRows, randomProjection } from './math/projection';
import { PointSet } from './math/pointSet';
import type { CandidatePool } from './types';

/** Fixed, so candidates and labeled samples land in the same space every round. */
const projectionSeed = 20240611;

/** Candidates (as a PointSet for fast distances) and the labeled samples, in one space. */
export interface DiversitySpace {
  points: PointSet;
  labeled: Float32Array;
  labeledCount: number;
  dim: number;
}

// score() and select() of one query need the same space: keep the last one per pool.
const lastSpace = new WeakMap<CandidatePool, { rows: ArrayLike<number> | null; projection: 'off' | number; space: DiversitySpace }>();

/**
 * The listed pool rows (all of them when `rows` is null) and the labeled rows, in the
 * embedding itself or, with `projection: N`, in a seeded N-d random projection of it.
 */
export function diversitySpace(pool: CandidatePool, rows: ArrayLike<number> | null, projection: 'off' | number): DiversitySpace {
  const cached = lastSpace.get(pool);
  if (cached && cached.projection === projection && sameRows(cached.rows, rows)) return cached.space;
  const space = build(pool, rows, projection);
  lastSpace.set(pool, { rows, projection, space });
  return space;
}

function sameRows(a: ArrayLike<number> | null, b: ArrayLike<number> | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function build(pool: CandidatePool, rows: ArrayLike<number> | null, projection: 'off' | number): DiversitySpace {
  const count = rows ? rows.length : pool.count;
  const picked = rows ? gatherRows(pool.embeddings, pool.dim, rows) : pool.embeddings.subarray(0, pool.count * pool.dim);
  const labeledCount = pool.labeled?.count ?? 0;
  const labeledRaw = labeledCount ? pool.labeled!.embeddings.subarray(0, labeledCount * pool.dim) : new Float32Array(0);
  if (projection === 'off') return { points: new PointSet(picked, count, pool.dim), labeled: labeledRaw, labeledCount, dim: pool.dim };
  const projected = randomProjection(picked, count, pool.dim, projection, projectionSeed);
  const labeled = labeledCount ? randomProjection(labeledRaw, labeledCount, pool.dim, projection, projectionSeed).points : new Float32Array(0);
  return { points: new PointSet(projected.points, count, projected.dim), labeled, labeledCount, dim: projected.dim };
}
