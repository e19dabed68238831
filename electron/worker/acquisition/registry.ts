import { StudioError } from '../../../shared/contract/channel';
import type { AcquisitionStrategy } from './types';

/** Strategies by name. Registering a name twice is a programming error and throws. */
export class StrategyRegistry {
  private readonly byName = new Map<string, AcquisitionStrategy>();

  register(strategy: AcquisitionStrategy): this {
    if (this.byName.has(strategy.name)) throw new Error(`A query strategy named "${strategy.name}" is already registered`);
    this.byName.set(strategy.name, strategy);
    return this;
  }

  get(name: string): AcquisitionStrategy {
    const strategy = this.byName.get(name);
    if (!strategy) {
      throw new StudioError('invalid-request', `Unknown query strategy "${name}".`, `Known strategies: ${this.names().join(', ')}.`);
    }
    return strategy;
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  names(): string[] {
    return [...this.byName.keys()];
  }

  all(): AcquisitionStrategy[] {
    return [...this.byName.values()];
  }
}
