import type { Split } from '../../../shared/contract/schemas';
import type { HeadConfig, SavedHead } from '../heads/index';

/** One point of a learning curve: accuracy after training on `labels` labels, `val` of them in the val split. */
export interface CurvePoint {
  labels: number;
  val: number;
  accuracy: number;
}

export interface SeedRun {
  seed: number;
  curve: CurvePoint[];
  /** Labels of the first round whose accuracy reached the target (no interpolation); null if none did. */
  labelsToTarget: number | null;
}

export interface StrategyRuns {
  seeds: SeedRun[];
  /** Mean over seeds of the first crossing; null unless every seed reached the target. */
  labelsToTarget: number | null;
}

/** The `simulate --json` output, exactly this shape. Strategies are keyed by their spec ("bald:shortlist=2000"). */
export interface SimulationReport {
  strategies: Record<string, StrategyRuns>;
  target: number;
  /** "test": the dataset's own test set; "tuning": a carve of its training part outside every pool. */
  evaluatedOn: 'test' | 'tuning';
}

/**
 * How a simulated active-learning run goes, with the dataset's labels as the oracle,
 * hidden from the strategies. It follows the app's loop: each pool row gets a frozen
 * train/val/test split drawn as an import draws it; every fourth label goes to a random
 * val sample until each class has `valPerClass` val labels (the labeling queue's rule);
 * strategies pick from the unlabeled train split; the head trains through the app's own
 * `trainRoundHead` (default head with `head` overrides, standardisation, warm start from
 * the previous round, early stopping on the val labels). Each seed draws its own pool and
 * first batch; every strategy starts from the same first batch for a given seed.
 */
export interface SimulationSettings {
  /** Strategy specs: a registered name with optional departures, e.g. "k-center:subsample=5000". */
  strategies: string[];
  /** Labels in the first batch (its strategy slots chosen by `initialStrategy`). */
  initial: number;
  /** Labels per round. */
  batch: number;
  rounds: number;
  seeds: number[];
  /** Unlabeled pool drawn from the training part (minus the tuning carve); all of it when undefined. */
  pool?: number;
  target: number;
  initialStrategy: 'cold-start' | 'random';
  /** Overrides on the app's default head; {} trains exactly what the app trains. */
  head: Partial<HeadConfig>;
  /** MC-dropout passes for BALD. */
  mcPasses: number;
  /** Val labels each class gets before the queue stops asking (the app's `minValLabelsPerClass`). */
  valPerClass: number;
  /** Training images set aside for tuning (never in a pool), when the training part is big enough. */
  tuningCarve: number;
  /** Where accuracy is measured: the test set, or the tuning carve (for choosing settings). */
  evaluateOn: 'test' | 'tuning';
  /** Rounds a run goes on after it first reached the target (null: all `rounds`); saves time in long benchmarks. */
  roundsAfterTarget: number | null;
}

export interface SimulationHooks {
  progress?(message: string): void;
  /** Stops between rounds; the report then holds what was finished. */
  signal?: AbortSignal;
  /** After each round's training: the labeled rows it learned from (in sample order, with their splits) and the head. */
  onRound?(round: { strategy: string; seed: number; round: number; labeled: { row: number; split: Split }[]; head: SavedHead }): void;
}
