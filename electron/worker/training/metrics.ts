import type { SplitMetrics } from '../../../shared/ml/runs';

/**
 * Accuracy, mean cross-entropy and macro-F1 of predicted probabilities against labels.
 * Macro-F1 averages over the classes that occur in the labels or the predictions, as
 * scikit-learn does, so an empty class does not count as a perfect one.
 */
export function splitMetrics(probabilities: Float32Array, labels: Int32Array, count: number, numClasses: number): SplitMetrics {
  const truePositive = new Float64Array(numClasses);
  const predicted = new Float64Array(numClasses);
  const actual = new Float64Array(numClasses);
  let correct = 0;
  let loss = 0;
  for (let i = 0; i < count; i++) {
    const row = i * numClasses;
    let best = 0;
    for (let c = 1; c < numClasses; c++) if (probabilities[row + c] > probabilities[row + best]) best = c;
    const label = labels[i];
    loss -= Math.log(Math.max(probabilities[row + label], 1e-12));
    predicted[best] += 1;
    actual[label] += 1;
    if (best === label) {
      correct += 1;
      truePositive[label] += 1;
    }
  }
  let f1Sum = 0;
  let present = 0;
  for (let c = 0; c < numClasses; c++) {
    if (actual[c] === 0 && predicted[c] === 0) continue;
    present += 1;
    const denominator = actual[c] + predicted[c];
    f1Sum += denominator === 0 ? 0 : (2 * truePositive[c]) / denominator;
  }
  return {
    count,
    accuracy: count ? correct / count : 0,
    loss: count ? loss / count : 0,
    macroF1: present ? f1Sum / present : 0,
  };
}
