import type { AcquisitionOptions } from './options';

/**
 * The unlabeled samples a strategy may pick from, and what is known about them. Rows are in
 * pool order; a strategy answers with pool indices. The true labels are never here.
 */
export interface CandidatePool {
  count: number;
  /** `count × dim` backbone embeddings (diversity strategies measure distances on them). */
  embeddings: Float32Array;
  dim: number;
  numClasses: number;
  /** Shown in explanations ("margin 0.04 between Shirt and T-shirt/top"). */
  classNames: string[];
  /** `count × numClasses` from the current head; absent before any model exists. */
  probabilities?: Float32Array;
  /**
   * MC-dropout sampling from the current head: `passes × rows × numClasses` probabilities
   * for `rows` rows of embeddings, fed in chunks so memory stays bounded.
   */
  mcDropout?: { passes: number; sample(embeddings: Float32Array, rows: number): Float32Array };
  /** Embeddings of the already-labeled samples, so diversity avoids what is known. */
  labeled?: { embeddings: Float32Array; count: number };
}

/** Per-query settings: the seed for any random draw, how many samples will be taken, and any departure from the paper. */
export interface QueryContext {
  seed: number;
  n: number;
  signal?: AbortSignal;
  /** Named departures from the strategy's paper (options.ts); none by default. */
  options?: Partial<AcquisitionOptions>;
}

/** What a strategy reads: it cannot run until the pool provides it. */
export type StrategyNeeds = 'embeddings' | 'probabilities' | 'mc-dropout';

/**
 * A query strategy in the modAL shape: a utility gives every candidate a score (higher =
 * more worth labeling), then a selector turns the scores into `n` picks. Each pick can say
 * why it was chosen. One file per strategy; `registry.ts` lists them.
 */
export interface AcquisitionStrategy {
  name: string;
  /** One sentence for the UI and `--help`. */
  summary: string;
  needs: StrategyNeeds[];
  /** True for strategies meant for the first batch, before any model exists. */
  coldStart?: boolean;
  score(pool: CandidatePool, context: QueryContext): Float32Array | Promise<Float32Array>;
  select(scores: Float32Array, pool: CandidatePool, context: QueryContext): number[];
  /** A short reason for one pick, e.g. "margin 0.04 between Shirt and T-shirt/top". */
  explain(index: number, score: number, pool: CandidatePool): string;
}

/** One selected sample and why: strategy name, its score and a short note. */
export interface Pick {
  index: number;
  strategy: string;
  score: number;
  note: string;
}
