import type { ValidSampleCondition, ValidSampleSort } from '../../../../shared/contract/sampleConditions';
import type { Sample } from '../../../../shared/domain/records';
import type { Project } from '../Project';
import { changedCondition } from './changed';
import { dataCheckCondition, dataCheckIds, type DataCheckLists } from './dataChecks';
import { predictionCondition } from './prediction';
import type { PredictionLookup } from './runPredictions';

/** What an evaluator may read: the project, any run's predictions (read through a cache) and the data checks' lists. */
export interface ConditionContext {
  project: Project;
  predictions(runId: string): Promise<PredictionLookup>;
  dataChecks?: DataCheckLists;
}

/** Turns one condition into a test of a sample; may read what it needs first (a run's probabilities). */
export type ConditionEvaluator<C> = (condition: C, context: ConditionContext) => Promise<(sample: Sample) => boolean>;

/**
 * Every condition kind and its evaluator. Adding a kind: a member of `sampleConditionSchema`
 * (shared/contract/sampleConditions.ts), a file beside this one, and one line here.
 */
const evaluators: { [K in ValidSampleCondition['kind']]: ConditionEvaluator<Extract<ValidSampleCondition, { kind: K }>> } = {
  prediction: predictionCondition,
  changed: changedCondition,
  'suspected-label': dataCheckCondition,
  outlier: dataCheckCondition,
  duplicate: dataCheckCondition,
  'map-selection': dataCheckCondition,
};

/** One test for all the conditions (AND). */
export async function conditionsFilter(where: readonly ValidSampleCondition[], context: ConditionContext): Promise<(sample: Sample) => boolean> {
  const tests = await Promise.all(where.map((condition) => (evaluators[condition.kind] as ConditionEvaluator<ValidSampleCondition>)(condition, context)));
  return (sample) => tests.every((test) => test(sample));
}

/**
 * Samples in the asked order; with a run's confidence or margin, samples it did not score come
 * last; in a data check's order, samples not on its list come last.
 */
export async function sortSamples(samples: Sample[], sort: ValidSampleSort, context: ConditionContext): Promise<Sample[]> {
  if (sort.by === 'import') return samples;
  if (sort.by === 'data-check') {
    const rank = new Map((await dataCheckIds(sort.check, context)).map((id, i) => [id, i]));
    return samples.map((sample, i) => ({ sample, key: rank.get(sample.id) ?? rank.size + i })).sort((a, b) => a.key - b.key).map((k) => k.sample);
  }
  const predictionOf = await context.predictions(sort.runId);
  const sign = sort.order === 'asc' ? 1 : -1;
  const keyed = samples.map((sample, i) => {
    const p = predictionOf(sample.id);
    return { sample, i, key: p ? (sort.by === 'confidence' ? p.probability : p.margin) : null };
  });
  keyed.sort((a, b) => (a.key === null ? (b.key === null ? a.i - b.i : 1) : b.key === null ? -1 : sign * (a.key - b.key) || a.i - b.i));
  return keyed.map((k) => k.sample);
}

/** The run whose prediction the listed rows carry: the sort's, else the first condition's that names one. */
export function namedRun(sort: ValidSampleSort, where: readonly ValidSampleCondition[]): string | null {
  if (sort.by === 'confidence' || sort.by === 'margin') return sort.runId;
  for (const condition of where) if ('runId' in condition) return condition.runId;
  return null;
}
