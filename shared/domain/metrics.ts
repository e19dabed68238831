import type { Evaluation } from '../contract/loop';

/**
 * Classification quality of predicted class probabilities against true labels: what the
 * loop records for every round on the frozen test split. Pure functions over plain arrays
 * so the numbers can be checked by hand.
 */
export interface LabeledPredictions {
  /** True class index of each row. */
  truth: ArrayLike<number>;
  /** `truth.length × numClasses` probabilities, row-major. */
  probabilities: ArrayLike<number>;
  numClasses: number;
}

/** The most probable class of row `i` (the first one on ties). */
export function predictedClass(probabilities: ArrayLike<number>, i: number, numClasses: number): number {
  let best = 0;
  for (let c = 1; c < numClasses; c++) if (probabilities[i * numClasses + c] > probabilities[i * numClasses + best]) best = c;
  return best;
}

/** rows = true class, columns = predicted class. */
export function confusionMatrix({ truth, probabilities, numClasses }: LabeledPredictions): number[][] {
  const matrix = Array.from({ length: numClasses }, () => new Array<number>(numClasses).fill(0));
  for (let i = 0; i < truth.length; i++) matrix[truth[i]][predictedClass(probabilities, i, numClasses)] += 1;
  return matrix;
}

export interface ClassScores {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

/** Precision, recall and F1 of each class from a confusion matrix; 0 where undefined (0/0). */
export function perClassScores(confusion: number[][]): ClassScores[] {
  const k = confusion.length;
  return confusion.map((row, c) => {
    const truePositive = row[c];
    const support = row.reduce((a, b) => a + b, 0);
    let predicted = 0;
    for (let r = 0; r < k; r++) predicted += confusion[r][c];
    const precision = predicted ? truePositive / predicted : 0;
    const recall = support ? truePositive / support : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { precision, recall, f1, support };
  });
}

/**
 * Mean F1 over the classes that occur in the labels or the predictions (scikit-learn's
 * macro average), so a class absent from both does not count as a perfect or a zero score.
 */
export function macroF1(confusion: number[][]): number {
  const scores = perClassScores(confusion);
  let sum = 0;
  let present = 0;
  scores.forEach((s, c) => {
    const predicted = confusion.reduce((total, row) => total + row[c], 0);
    if (s.support === 0 && predicted === 0) return;
    sum += s.f1;
    present += 1;
  });
  return present ? sum / present : 0;
}

/**
 * Expected calibration error: rows are put in `bins` equal-width bins by their top
 * probability (bin b holds confidences in (b/bins, (b+1)/bins], bin 0 also holds 0), and
 * ECE = Σ_b (rows in b / all rows) · |accuracy in b − mean confidence in b|.
 */
export function expectedCalibrationError({ truth, probabilities, numClasses }: LabeledPredictions, bins = 10): number {
  const count = truth.length;
  if (count === 0) return 0;
  const rows = new Float64Array(bins);
  const correct = new Float64Array(bins);
  const confidence = new Float64Array(bins);
  for (let i = 0; i < count; i++) {
    const best = predictedClass(probabilities, i, numClasses);
    const p = probabilities[i * numClasses + best];
    // The tolerance keeps a float32 0.3 (0.30000001) in the bin it names.
    const bin = Math.min(bins - 1, Math.max(0, Math.ceil(p * bins - 1e-6) - 1));
    rows[bin] += 1;
    confidence[bin] += p;
    if (best === truth[i]) correct[bin] += 1;
  }
  let ece = 0;
  for (let b = 0; b < bins; b++) {
    if (rows[b] === 0) continue;
    ece += (rows[b] / count) * Math.abs(correct[b] / rows[b] - confidence[b] / rows[b]);
  }
  return ece;
}

/** Everything the loop records about one split: accuracy, macro-F1, per class, confusion, ECE. */
export function evaluatePredictions(split: Evaluation['split'], classIds: string[], predictions: LabeledPredictions): Evaluation {
  const confusion = confusionMatrix(predictions);
  const count = predictions.truth.length;
  const correct = confusion.reduce((sum, row, c) => sum + row[c], 0);
  return {
    split,
    count,
    accuracy: count ? correct / count : 0,
    macroF1: macroF1(confusion),
    ece: expectedCalibrationError(predictions),
    perClass: perClassScores(confusion).map((scores, c) => ({ classId: classIds[c], ...scores })),
    confusion,
    classIds,
  };
}
