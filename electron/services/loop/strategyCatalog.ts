import { StudioError } from '../../../shared/contract/channel';
import type { StrategyInfo } from '../../../shared/contract/loop';
import { strategies } from '../../worker/acquisition/index';

/**
 * The default query strategy. `npm run bench:al` (docs/learning-curve.svg: Fashion-MNIST,
 * pixels, linear head, seeds 1–3) puts the hybrid first: 587 labels to 80% test accuracy
 * against 698 for margin and 1,150 for random; entropy and BALD never got there.
 */
export const defaultStrategy = 'hybrid';
/** Used before any model exists when the chosen strategy needs one. */
export const coldStartStrategy = 'cold-start';

/** Every registered strategy, as `loop:strategies` lists them. */
export function strategyInfos(): StrategyInfo[] {
  return strategies.all().map((s) => ({ name: s.name, summary: s.summary, needs: [...s.needs], coldStart: Boolean(s.coldStart) }));
}

/** Throws an invalid-request error naming the known strategies when `name` is not one. */
export function checkStrategy(name: string): void {
  if (!strategies.has(name)) {
    throw new StudioError('invalid-request', `There is no query strategy named "${name}".`, `Known strategies: ${strategies.names().join(', ')}.`);
  }
}

export function isKnownStrategy(name: string): boolean {
  return strategies.has(name);
}

/** The strategy a query uses: the chosen one, or the cold-start one while no model exists and it needs one. */
export function strategyFor(chosen: string, haveModel: boolean): string {
  if (haveModel) return chosen;
  return strategies.has(chosen) && strategies.get(chosen).coldStart ? chosen : coldStartStrategy;
}

/** Refuses, before any worker starts, a strategy that needs a model when there is none. */
export function checkModelFor(name: string, haveModel: boolean): void {
  const strategy = strategies.get(name);
  if (!haveModel && !strategy.coldStart && strategy.needs.some((need) => need !== 'embeddings')) {
    throw new StudioError('unsupported', `The "${name}" strategy needs a trained model, and this project has none yet.`, 'Train a model first (`studio train DIR`), or use a cold-start strategy such as "cold-start" or "random".');
  }
}
