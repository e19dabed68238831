import type { ClassFigures, Evaluation } from '../contract/evaluation';
import { headlineMinimum } from './honestFigures';
import { bootstrapInterval, wilsonInterval, type BootstrapOptions } from './intervals';

/**
 * Classification quality of predicted class probabilities against true labels: what the
 * Evaluate tab, the learning curve and `studio evaluate` show. Pure functions over plain
 * arrays so the numbers can be checked by hand. A figure that is undefined (0/0) is null with
 * its reason, never 0, and every figure carries its interval and the labels it rests on.
 */
export interface LabeledPredictions {
  /** True class index of each row. */
  truth: ArrayLike<number>;
  /** `truth.length × numClasses` probabilities, row-major. */
  probabilities: ArrayLike<number>;
  numClasses: number;
  /** Rows whose label was set from a view of the model's predictions (see Evaluation). */
  chosenByModel?: ArrayLike<boolean>;
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

export type ClassScores = Omit<ClassFigures, 'classId'>;

/**
 * Precision, recall and F1 of each class from a confusion matrix. Recall and F1 are null
 * ("no labels") for a class without labels; precision is null ("never predicted") for a class
 * the model never chose. F1 = 2·TP / (2·TP + FP + FN), so a class with labels that is never
 * predicted has a real F1 of 0.
 */
export function perClassScores(confusion: number[][]): ClassScores[] {
  return confusion.map((row, c) => {
    const correct = row[c];
    const support = row.reduce((a, b) => a + b, 0);
    let predicted = 0;
    for (const other of confusion) predicted += other[c];
    const missing: ClassScores['missing'] = {};
    if (predicted === 0) missing.precision = 'never-predicted';
    if (support === 0) missing.recall = missing.f1 = 'no-labels';
    return {
      precision: predicted ? correct / predicted : null,
      recall: support ? correct / support : null,
      f1: support ? (2 * correct) / (support + predicted) : null,
      support,
      predicted,
      correct,
      missing,
    };
  });
}

/**
 * Mean F1 over the classes that have labels. A class the split has no labels of has no F1 to
 * average (its wrong predictions already cost the true classes their recall); null when no
 * class has labels.
 */
export function macroF1(confusion: number[][]): { value: number; classes: number } | null {
  const f1s = perClassScores(confusion).flatMap((s) => (s.f1 === null ? [] : [s.f1]));
  return f1s.length ? { value: f1s.reduce((a, b) => a + b, 0) / f1s.length, classes: f1s.length } : null;
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

/**
 * Macro-F1 of the rows `picked` (indices into truth/predicted), as the bootstrap resamples them.
 * Each row is reduced to its confusion cell once, so a resample costs one lookup per row.
 */
function resampledMacroF1(truth: ArrayLike<number>, predicted: Int32Array, k: number): (picked: Uint32Array) => number {
  const cellOf = Int32Array.from(predicted, (p, i) => truth[i] * k + p);
  const cells = new Int32Array(k * k);
  return (picked) => {
    cells.fill(0);
    for (let i = 0; i < picked.length; i++) cells[cellOf[picked[i]]] += 1;
    let sum = 0;
    let classes = 0;
    for (let c = 0; c < k; c++) {
      let support = 0;
      let chosen = 0;
      for (let j = 0; j < k; j++) {
        support += cells[c * k + j];
        chosen += cells[j * k + c];
      }
      if (support === 0) continue;
      sum += (2 * cells[c * k + c]) / (support + chosen);
      classes += 1;
    }
    return classes ? sum / classes : 0;
  };
}

/** Everything recorded about one split: accuracy and macro-F1 with intervals, per class, confusion, ECE, model-chosen labels. */
export function evaluatePredictions(split: Evaluation['split'], classIds: string[], predictions: LabeledPredictions, bootstrap: BootstrapOptions = {}): Evaluation {
  const { truth, probabilities, numClasses: k } = predictions;
  const count = truth.length;
  const confusion = confusionMatrix(predictions);
  const predicted = Int32Array.from({ length: count }, (_, i) => predictedClass(probabilities, i, k));
  const correct = confusion.reduce((sum, row, c) => sum + row[c], 0);
  const macro = macroF1(confusion);
  let chosen = 0;
  let rightWithout = 0;
  for (let i = 0; i < count; i++) {
    if (predictions.chosenByModel?.[i]) chosen += 1;
    else if (predicted[i] === truth[i]) rightWithout += 1;
  }
  return {
    split,
    count,
    minimum: headlineMinimum,
    tooFew: count < headlineMinimum,
    accuracy: wilsonInterval(correct, count),
    macroF1: macro && { ...macro, ...bootstrapInterval(count, resampledMacroF1(truth, predicted, k), bootstrap) },
    ece: count ? expectedCalibrationError(predictions) : null,
    perClass: perClassScores(confusion).map((scores, c) => ({ classId: classIds[c], ...scores })),
    confusion,
    classIds,
    chosenByModel: { count: chosen, countWithout: count - chosen, accuracyWithout: chosen ? wilsonInterval(rightWithout, count - chosen) : null },
  };
}
