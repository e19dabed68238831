import type { HeadConfig } from '../heads/index';

/** One point of a learning curve: test accuracy after training on `labels` labels. */
export interface CurvePoint {
  labels: number;
  accuracy: number;
}

export interface SeedRun {
  seed: number;
  curve: CurvePoint[];
  /** Labels needed to reach the target accuracy (interpolated); null if never reached. */
  labelsToTarget: number | null;
}

export interface StrategyRuns {
  seeds: SeedRun[];
  /** Mean over seeds; null unless every seed reached the target. */
  labelsToTarget: number | null;
}

/** The `simulate --json` output, exactly this shape. */
export interface SimulationReport {
  strategies: Record<string, StrategyRuns>;
  target: number;
}

/**
 * How a simulated active-learning run goes: the labels of the dataset act as the oracle,
 * hidden from the strategies. Each seed draws its own pool and first batch; every strategy
 * starts from the same first batch for a given seed, so curves differ only by the queries.
 */
export interface SimulationSettings {
  strategies: string[];
  /** Size of the first labeled batch, chosen by `initialStrategy`. */
  initial: number;
  /** Labels revealed per round. */
  batch: number;
  rounds: number;
  seeds: number[];
  /** Unlabeled pool drawn from the training part; all of it when undefined. */
  pool?: number;
  target: number;
  initialStrategy: 'cold-start' | 'random';
  head: HeadConfig;
  /** MC-dropout passes for BALD. */
  mcPasses: number;
}

export interface SimulationHooks {
  progress?(message: string): void;
  /** Stops between rounds; the report then holds what was finished. */
  signal?: AbortSignal;
}
