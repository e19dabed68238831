import { StudioError } from '../../../../shared/contract/channel';
import type { DataCheck, ValidSampleCondition } from '../../../../shared/contract/sampleConditions';
import type { ConditionContext, ConditionEvaluator } from './index';

/**
 * The data checks' lists, each in its own order (worst or biggest first): the quality service
 * answers (`QualityService.idsFor`). A studio without data checks passes none.
 */
export interface DataCheckLists {
  idsFor(check: DataCheck): Promise<readonly string[]>;
}

/** The list of one data check, or a clear error where the studio has no data checks. */
export function dataCheckIds(check: DataCheck, context: ConditionContext): Promise<readonly string[]> {
  if (!context.dataChecks) throw new StudioError('invalid-request', `This studio runs no data checks, so it cannot list "${check}" samples.`, 'Open the project in the studio app or `studio serve`.');
  return context.dataChecks.idsFor(check);
}

/** Samples on a data check's list: a suspected label error, an outlier, a duplicate, the map's lasso selection. */
export const dataCheckCondition: ConditionEvaluator<Extract<ValidSampleCondition, { kind: DataCheck }>> = async (condition, context) => {
  const ids = new Set(await dataCheckIds(condition.kind, context));
  return (sample) => ids.has(sample.id);
};
