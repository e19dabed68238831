import { defaultHeadConfig } from '../heads/index';
import type { SimulationSettings } from './types';

/**
 * Defaults for `simulate` and `bench:al`, matching DESIGN.md's scikit-learn reference loop
 * (pool 20,000, first 100, +100 per round). The head is the default linear head without
 * feature standardisation: pixels already share one 0..1 scale, and standardising lets a
 * rare lit border pixel dominate (measured: about 1.5 points lower test accuracy at 1,000
 * labels).
 */
export function simulationDefaults(): SimulationSettings {
  return {
    strategies: ['random', 'entropy', 'margin', 'bald', 'hybrid', 'badge'],
    initial: 100,
    batch: 100,
    rounds: 15,
    seeds: [1, 2, 3],
    pool: 20_000,
    target: 0.8,
    initialStrategy: 'random',
    head: { ...defaultHeadConfig('linear'), standardize: false, epochs: 40 },
    mcPasses: 10,
  };
}
