import type { Sample } from '../../../shared/domain/records';
import type { AcquisitionOptions } from '../acquisition/options';
import { topK } from '../acquisition/math/selectors';
import { subsample } from '../acquisition/math/subsample';
import { marginScores } from '../acquisition/math/uncertainty';
import type { RunProbabilities } from '../../services/ml/probabilityFiles';

/** Embeddings a query holds at once: 48 M floats (192 MB), e.g. 15,600 × 3,072-d pixels. */
export const maxPoolFloats = 48_000_000;
/** Diversity-only strategies (k-center, cold start) see a seeded 5,000 of a bigger pool: distances to the labeled set cost pool × labeled. */
export const maxDiversityCandidates = 5000;
/** Labeled samples diversity measures against (distances cost pool × labeled). */
export const maxLabeledForDiversity = 5000;

/**
 * The app's one standing departure from the papers (acquisition/options.ts): diversity
 * distances (k-center, cold start, hybrid) in a 64-d random projection, so a query on
 * 1,280-d embeddings stays interactive. The memory caps above cut the pool itself and are
 * reported in the query's `leftOut`.
 */
export const appQueryOptions: Partial<AcquisitionOptions> = { projection: 64 };

/** Counts of candidates a query could not consider, by reason, for its report. */
export class LeftOut {
  private readonly counts = new Map<string, number>();

  add(reason: string, count = 1): void {
    if (count > 0) this.counts.set(reason, (this.counts.get(reason) ?? 0) + count);
  }

  list(): { reason: string; count: number }[] {
    return [...this.counts].map(([reason, count]) => ({ reason, count }));
  }
}

/** The samples behind `ids`, once each, in the order given; unknown ids are counted. */
export function knownSamples(ids: readonly string[], samples: Map<string, Sample>, leftOut: LeftOut): Sample[] {
  const seen = new Set<string>();
  const out: Sample[] = [];
  for (const id of ids) {
    if (seen.has(id)) continue;
    seen.add(id);
    const sample = samples.get(id);
    if (sample) out.push(sample);
    else leftOut.add('not in the project');
  }
  return out;
}

/**
 * Cuts the candidates to `limit` before anything is embedded. With a model, the most
 * uncertain by margin stay (candidates it never scored count as most uncertain): every
 * uncertainty strategy ranks those first anyway. Without one, a seeded random draw, which
 * is what the diversity strategies do with a big pool themselves.
 */
export function shortlist(candidates: Sample[], limit: number, seed: number, probabilities: RunProbabilities | null, leftOut: LeftOut, why: string): Sample[] {
  if (candidates.length <= limit) return candidates;
  leftOut.add(why, candidates.length - limit);
  if (!probabilities) return Array.from(subsample(candidates.length, limit, seed), (i) => candidates[i]);
  const k = probabilities.classIds.length;
  const rows = new Float32Array(candidates.length * k);
  const scored = new Uint8Array(candidates.length);
  candidates.forEach((sample, i) => {
    const row = probabilities.row(sample.id);
    if (row) {
      rows.set(row, i * k);
      scored[i] = 1;
    }
  });
  const scores = marginScores(rows, candidates.length, k);
  scored.forEach((isScored, i) => {
    if (!isScored) scores[i] = Number.POSITIVE_INFINITY;
  });
  return topK(scores, limit)
    .sort((a, b) => a - b)
    .map((i) => candidates[i]);
}

/** Probabilities of the pool, row by row: from the run's file, else from `predicted`. */
export function poolProbabilities(pool: Sample[], probabilities: RunProbabilities, predicted: Map<string, Float32Array>): Float32Array | null {
  const k = probabilities.classIds.length;
  const out = new Float32Array(pool.length * k);
  for (let i = 0; i < pool.length; i++) {
    const row = probabilities.row(pool[i].id) ?? predicted.get(pool[i].id);
    if (!row) return null;
    out.set(row, i * k);
  }
  return out;
}

/** JSON cannot carry NaN or ±Infinity; a score that is not a number ranks as 0. */
export function finiteScore(score: number): number {
  return Number.isFinite(score) ? score : 0;
}
