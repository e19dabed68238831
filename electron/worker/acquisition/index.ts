/**
 * Query strategies: "score every candidate, then select n". Each strategy is one file in
 * `strategies/`; this file registers them all (see docs/recipes/add-a-strategy.md).
 */
import { StrategyRegistry } from './registry';
import { badgeStrategy } from './strategies/badge';
import { baldStrategy } from './strategies/bald';
import { coldStartStrategy } from './strategies/coldStart';
import { entropyStrategy } from './strategies/entropy';
import { hybridStrategy } from './strategies/hybrid';
import { kCenterStrategy } from './strategies/kCenter';
import { leastConfidenceStrategy } from './strategies/leastConfidence';
import { marginStrategy } from './strategies/margin';
import { randomStrategy } from './strategies/random';

export function createStrategyRegistry(): StrategyRegistry {
  return new StrategyRegistry()
    .register(randomStrategy)
    .register(leastConfidenceStrategy)
    .register(marginStrategy)
    .register(entropyStrategy)
    .register(baldStrategy)
    .register(kCenterStrategy)
    .register(hybridStrategy)
    .register(badgeStrategy)
    .register(coldStartStrategy);
}

/** The built-in strategies. */
export const strategies = createStrategyRegistry();

export { StrategyRegistry } from './registry';
export { query } from './query';
export type { AcquisitionStrategy, CandidatePool, Pick, QueryContext, StrategyNeeds } from './types';
export { describeOptions, parseStrategySpec, paperOptions, type AcquisitionOptions } from './options';
