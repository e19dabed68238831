import { defaultHeadConfig, trainHead, type Dataset, type EpochReport, type HeadConfig, type HeadFeatures, type SavedHead, type TrainResult } from '../heads/index';

/** One round's head training: the labeled rows by split, the settings asked for, and the previous round's head. */
export interface RoundTrainingInput {
  /** Labels of the train split: the head learns from these. */
  train: Dataset;
  /** Labels of the val split: early stopping watches them; null when there are none yet. */
  val: Dataset | null;
  numClasses: number;
  /** Settings asked for; the rest come from `defaultHeadConfig` of the kind and features. */
  head: Partial<HeadConfig>;
  /** Pixels or a network's embedding: decides the default standardisation. */
  features: HeadFeatures;
  /** The previous round's head; used as a warm start when it has the same shape. */
  previous: SavedHead | null;
  signal?: AbortSignal;
  onEpoch?(epoch: EpochReport, epochs: number): void;
}

export interface RoundTraining extends TrainResult {
  config: HeadConfig;
  warmStarted: boolean;
}

/**
 * How the studio trains the head in one round of the loop: the default head of the asked
 * kind with the asked overrides, feature standardisation from the train rows (embeddings;
 * not pixels, which share one scale), a warm start
 * from the previous head when it fits, early stopping on the val labels. The train job and
 * the simulation (`studio simulate`, `npm run bench:al`) both train through this one
 * function, so the benchmark's figures are what users get.
 */
export async function trainRoundHead(input: RoundTrainingInput): Promise<RoundTraining> {
  const config: HeadConfig = { ...defaultHeadConfig(input.head.kind ?? 'linear', input.features), ...input.head };
  const warmStart = compatibleHead(input.previous, config, input.train.dim, input.numClasses);
  const trained = await trainHead(input.train, config, {
    numClasses: input.numClasses,
    validation: input.val ?? undefined,
    warmStart: warmStart ?? undefined,
    signal: input.signal,
    onEpoch: input.onEpoch ? (epoch) => input.onEpoch!(epoch, config.epochs) : undefined,
  });
  return { ...trained, config, warmStarted: warmStart !== null };
}

/** A previous head is a warm start only when it has the same shape and architecture. */
export function compatibleHead(saved: SavedHead | null, config: HeadConfig, dim: number, numClasses: number): SavedHead | null {
  if (!saved) return null;
  const same =
    saved.dim === dim &&
    saved.numClasses === numClasses &&
    saved.config.kind === config.kind &&
    (config.kind === 'linear' || saved.config.hiddenUnits === config.hiddenUnits);
  return same ? saved : null;
}
