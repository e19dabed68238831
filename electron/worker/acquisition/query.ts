import { StudioError } from '../../../shared/contract/channel';
import type { AcquisitionStrategy, CandidatePool, Pick, QueryContext } from './types';

/** Runs one strategy: score every candidate, select `n`, explain each pick. */
export async function query(strategy: AcquisitionStrategy, pool: CandidatePool, context: QueryContext): Promise<Pick[]> {
  const missing = strategy.needs.filter((need) => !provides(pool, need));
  if (missing.length) {
    throw new StudioError(
      'unsupported',
      `The "${strategy.name}" strategy needs ${missing.join(' and ')}, which this pool does not have yet.`,
      missing.includes('probabilities') || missing.includes('mc-dropout') ? 'Train a model first, or use a cold-start strategy such as "cold-start" or "random".' : 'Compute embeddings for the pool first.',
    );
  }
  const n = Math.max(0, Math.min(context.n, pool.count));
  if (n === 0) return [];
  const scores = await strategy.score(pool, { ...context, n });
  if (context.signal?.aborted) throw new StudioError('cancelled', 'The query was cancelled.', 'Run it again when you are ready.');
  const picked = strategy.select(scores, pool, { ...context, n });
  return picked.map((index) => ({ index, strategy: strategy.name, score: scores[index], note: strategy.explain(index, scores[index], pool) }));
}

function provides(pool: CandidatePool, need: AcquisitionStrategy['needs'][number]): boolean {
  if (need === 'embeddings') return pool.embeddings.length >= pool.count * pool.dim && pool.dim > 0;
  if (need === 'probabilities') return pool.probabilities !== undefined;
  return pool.mcDropout !== undefined;
}
