import type { ValidSampleCondition } from '../../../../shared/contract/sampleConditions';
import type { ConditionEvaluator } from './index';

type PredictionCondition = Extract<ValidSampleCondition, { kind: 'prediction' }>;

const within = (value: number, range: { min: number; max: number } | undefined) => !range || (value >= range.min && value <= range.max);

/** Samples a run predicts as a class, rightly or wrongly, with a confidence and margin in range. */
export const predictionCondition: ConditionEvaluator<PredictionCondition> = async (condition, { project, predictions }) => {
  const predictionOf = await predictions(condition.runId);
  return (sample) => {
    const prediction = predictionOf(sample.id);
    if (!prediction) return false;
    if (condition.classId && prediction.classId !== condition.classId) return false;
    if (condition.correct !== undefined) {
      const label = project.labels.stateOf(sample.id).classId;
      if (label === null || (label === prediction.classId) !== condition.correct) return false;
    }
    return within(prediction.probability, condition.confidence) && within(prediction.margin, condition.margin);
  };
};
