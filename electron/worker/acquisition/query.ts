import { StudioError } from '../../../shared/contract/channel';
import { gatherRows } from './math/projection';
import { topK } from './math/selectors';
import { marginScores } from './math/uncertainty';
import { resolveOptions } from './options';
import type { AcquisitionStrategy, CandidatePool, Pick, QueryContext } from './types';

/**
 * Runs one strategy: score every candidate, select `n`, explain each pick. With the
 * `shortlist: N` option, a strategy that reads probabilities sees only the N candidates
 * with the smallest margin (picks still index the whole pool).
 */
export async function query(strategy: AcquisitionStrategy, pool: CandidatePool, context: QueryContext): Promise<Pick[]> {
  const missing = strategy.needs.filter((need) => !provides(pool, need));
  if (missing.length) {
    throw new StudioError(
      'unsupported',
      `The "${strategy.name}" strategy needs ${missing.join(' and ')}, which this pool does not have yet.`,
      missing.includes('probabilities') || missing.includes('mc-dropout') ? 'Train a model first, or use a cold-start strategy such as "cold-start" or "random".' : 'Compute embeddings for the pool first.',
    );
  }
  const { shortlist } = resolveOptions(context.options);
  const readsProbabilities = strategy.needs.includes('probabilities') || strategy.needs.includes('mc-dropout');
  if (shortlist !== 'off' && readsProbabilities && pool.probabilities && pool.count > shortlist) {
    const rows = Int32Array.from(topK(marginScores(pool.probabilities, pool.count, pool.numClasses), shortlist)).sort();
    const picks = await query(strategy, subPool(pool, rows), { ...context, options: { ...context.options, shortlist: 'off' } });
    return picks.map((p) => ({ ...p, index: rows[p.index] }));
  }
  const n = Math.max(0, Math.min(context.n, pool.count));
  if (n === 0) return [];
  const scores = await strategy.score(pool, { ...context, n });
  if (context.signal?.aborted) throw new StudioError('cancelled', 'The query was cancelled.', 'Run it again when you are ready.');
  const picked = strategy.select(scores, pool, { ...context, n });
  return picked.map((index) => ({ index, strategy: strategy.name, score: scores[index], note: strategy.explain(index, scores[index], pool) }));
}

/** The listed candidates as a pool of their own (same labeled set and MC-dropout sampler). */
function subPool(pool: CandidatePool, rows: Int32Array): CandidatePool {
  return {
    ...pool,
    count: rows.length,
    embeddings: pool.dim && pool.embeddings.length ? gatherRows(pool.embeddings, pool.dim, rows) : pool.embeddings,
    probabilities: pool.probabilities ? gatherRows(pool.probabilities, pool.numClasses, rows) : undefined,
  };
}

function provides(pool: CandidatePool, need: AcquisitionStrategy['needs'][number]): boolean {
  if (need === 'embeddings') return pool.embeddings.length >= pool.count * pool.dim && pool.dim > 0;
  if (need === 'probabilities') return pool.probabilities !== undefined;
  return pool.mcDropout !== undefined;
}
