import type { ValidSampleCondition } from '../../../../shared/contract/sampleConditions';
import type { ConditionEvaluator } from './index';

type ChangedCondition = Extract<ValidSampleCondition, { kind: 'changed' }>;

/** Samples whose prediction differs between two runs: fixed, broken (both need a label), or any change. */
export const changedCondition: ConditionEvaluator<ChangedCondition> = async (condition, { project, predictions }) => {
  const [before, after] = await Promise.all([predictions(condition.baseRunId), predictions(condition.runId)]);
  return (sample) => {
    const [was, now] = [before(sample.id)?.classId, after(sample.id)?.classId];
    if (was === undefined || now === undefined || was === now) return false;
    if (condition.change === 'any') return true;
    const label = project.labels.stateOf(sample.id).classId;
    return condition.change === 'fixed' ? now === label : was === label;
  };
};
