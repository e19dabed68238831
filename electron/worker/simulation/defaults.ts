import { defaultLoopSettings } from '../../services/loop/loopDocument';
import type { SimulationSettings } from './types';

/**
 * Defaults for `simulate` and `bench:al`, matching DESIGN.md's scikit-learn reference loop
 * (pool 20,000, first 100 random, +100 per round) and the app's own loop: its default
 * head unchanged (`head: {}`), its val labels per class, the strategies as their papers
 * describe them. 22 rounds reach 2,300 labels, past where random sampling gets to 80 %.
 */
export function simulationDefaults(): SimulationSettings {
  return {
    strategies: ['random', 'margin', 'entropy', 'bald', 'badge', 'k-center', 'hybrid'],
    initial: 100,
    batch: 100,
    rounds: 22,
    seeds: [1, 2, 3],
    pool: 20_000,
    target: 0.8,
    initialStrategy: 'random',
    head: {},
    mcPasses: 10,
    valPerClass: defaultLoopSettings.minValLabelsPerClass,
    tuningCarve: 10_000,
    evaluateOn: 'test',
    roundsAfterTarget: null,
  };
}
