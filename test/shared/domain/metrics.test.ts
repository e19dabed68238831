import { describe, expect, it } from 'vitest';
import { confusionMatrix, evaluatePredictions, expectedCalibrationError, macroF1, perClassScores } from '../../../shared/domain/metrics';

// Six test images, three classes; every figure below was worked out on paper.
//   row  truth  probabilities      predicted  confidence  right?
//   0    0      .7 .2 .1           0          .7          yes
//   1    0      .4 .5 .1           1          .5          no
//   2    1      .1 .8 .1           1          .8          yes
//   3    1      .2 .2 .6           2          .6          no
//   4    2      .1 .1 .8           2          .8          yes
//   5    2      .3 .3 .4           2          .4          yes
const truth = [0, 0, 1, 1, 2, 2];
const probabilities = Float32Array.from([0.7, 0.2, 0.1, 0.4, 0.5, 0.1, 0.1, 0.8, 0.1, 0.2, 0.2, 0.6, 0.1, 0.1, 0.8, 0.3, 0.3, 0.4]);
const six = { truth, probabilities, numClasses: 3 };

describe('evaluation metrics', () => {
  it('the confusion matrix counts true classes in rows and predictions in columns', () => {
    expect(confusionMatrix(six)).toEqual([
      [1, 1, 0],
      [0, 1, 1],
      [0, 0, 2],
    ]);
  });

  it('precision, recall and F1 per class match the hand-worked figures', () => {
    const scores = perClassScores(confusionMatrix(six));
    // class 0: 1 of 1 predicted right, 1 of 2 found → F1 2·1·½/(1½) = ⅔
    expect(scores[0]).toEqual({ precision: 1, recall: 0.5, f1: expect.closeTo(2 / 3, 10), support: 2, predicted: 1, correct: 1, missing: {} });
    expect(scores[1]).toMatchObject({ precision: 0.5, recall: 0.5, f1: 0.5, support: 2, predicted: 2 });
    // class 2: 2 of 3 predicted right, 2 of 2 found → F1 2·⅔·1/(5/3) = 0.8
    expect(scores[2]).toMatchObject({ precision: expect.closeTo(2 / 3, 10), recall: 1, f1: expect.closeTo(0.8, 10), support: 2 });
  });

  it('accuracy is 4 of 6 and macro-F1 the mean of ⅔, ½ and 0.8, each with its 95% interval and n', () => {
    const evaluation = evaluatePredictions('test', ['a', 'b', 'c'], six);
    expect(evaluation.count).toBe(6);
    expect(evaluation.accuracy!.value).toBeCloseTo(4 / 6, 10);
    // Wilson, 4 of 6: (0.3000, 0.9032).
    expect(evaluation.accuracy!.low).toBeCloseTo(0.3, 4);
    expect(evaluation.accuracy!.high).toBeCloseTo(0.9032, 4);
    expect(evaluation.macroF1!.value).toBeCloseTo((2 / 3 + 0.5 + 0.8) / 3, 10);
    expect(evaluation.macroF1!.classes).toBe(3);
    expect(evaluation.macroF1!.low).toBeLessThanOrEqual(evaluation.macroF1!.value);
    expect(evaluation.macroF1!.high).toBeGreaterThanOrEqual(evaluation.macroF1!.value);
    expect(evaluation.perClass.map((c) => c.classId)).toEqual(['a', 'b', 'c']);
    expect(evaluation.classIds).toEqual(['a', 'b', 'c']);
  });

  it('six test labels are too few to headline: the evaluation says so, and 30 are enough', () => {
    expect(evaluatePredictions('test', ['a', 'b', 'c'], six)).toMatchObject({ count: 6, tooFew: true, minimum: 30 });
    const thirty = { truth: Array.from({ length: 30 }, (_, i) => i % 3), probabilities: Float32Array.from({ length: 90 }, (_, i) => (i % 3 === Math.floor(i / 3) % 3 ? 0.8 : 0.1)), numClasses: 3 };
    expect(evaluatePredictions('test', ['a', 'b', 'c'], thirty)).toMatchObject({ count: 30, tooFew: false, accuracy: { value: 1 } });
  });

  it('the macro-F1 interval is a seeded bootstrap: the same figures every time, and wider with fewer labels', () => {
    const first = evaluatePredictions('test', ['a', 'b', 'c'], six).macroF1;
    expect(evaluatePredictions('test', ['a', 'b', 'c'], six).macroF1).toEqual(first);
    const many = { truth: [...truth, ...truth, ...truth, ...truth, ...truth], probabilities: Float32Array.from([...probabilities, ...probabilities, ...probabilities, ...probabilities, ...probabilities]), numClasses: 3 };
    const tighter = evaluatePredictions('test', ['a', 'b', 'c'], many).macroF1!;
    expect(tighter.value).toBeCloseTo(first!.value, 10);
    expect(tighter.high - tighter.low).toBeLessThan(first!.high - first!.low);
  });

  it('ECE weighs each confidence bin by its share of rows: (.3 + .5 + 2·.2 + .6 + .6) / 6 = 0.4', () => {
    // bins: .7 right → |1−.7|; .5 wrong → .5; two .8 right → .2 each; .6 wrong → .6; .4 right → .6
    expect(expectedCalibrationError(six)).toBeCloseTo(0.4, 6);
    expect(evaluatePredictions('test', ['a', 'b', 'c'], six).ece).toBeCloseTo(0.4, 6);
  });

  it('a confidence on a bin edge (float32 0.3) counts in the bin that ends there', () => {
    // Row A: right at 0.3 → bin (.2, .3]; row B: wrong at 0.35 → bin (.3, .4].
    // Apart: ½·|1 − .3| + ½·|0 − .35| = .525. Had A slipped into B's bin: |.5 − .325| = .175.
    const rows = { truth: [0, 1], probabilities: Float32Array.from([0.3, 0.25, 0.25, 0.2, 0.35, 0.25, 0.2, 0.2]), numClasses: 4 };
    expect(expectedCalibrationError(rows)).toBeCloseTo(0.525, 6);
  });

  it('a class with no test labels gets "—" for recall and F1 with that reason, not 0%, and stays out of macro-F1', () => {
    const withEmpty = [
      [1, 1, 0, 0],
      [0, 1, 1, 0],
      [0, 0, 2, 0],
      [0, 0, 0, 0],
    ];
    expect(macroF1(withEmpty)).toEqual({ value: expect.closeTo((2 / 3 + 0.5 + 0.8) / 3, 10), classes: 3 });
    expect(perClassScores(withEmpty)[3]).toEqual({ precision: null, recall: null, f1: null, support: 0, predicted: 0, correct: 0, missing: { precision: 'never-predicted', recall: 'no-labels', f1: 'no-labels' } });
  });

  it('a class never predicted has no precision ("never predicted"), while its 0% recall is a real figure', () => {
    const neverPredicted = [
      [2, 0],
      [3, 0],
    ];
    expect(perClassScores(neverPredicted)[1]).toEqual({ precision: null, recall: 0, f1: 0, support: 3, predicted: 0, correct: 0, missing: { precision: 'never-predicted' } });
    // Predicted but absent from the labels: precision 0% is real (every such prediction is wrong); recall is not.
    const predictedOnly = [
      [1, 1],
      [0, 0],
    ];
    expect(perClassScores(predictedOnly)[1]).toEqual({ precision: 0, recall: null, f1: null, support: 0, predicted: 1, correct: 0, missing: { recall: 'no-labels', f1: 'no-labels' } });
  });

  it('no labeled rows gives no figures ("—"), not zeros', () => {
    const evaluation = evaluatePredictions('test', ['a', 'b'], { truth: [], probabilities: [], numClasses: 2 });
    expect(evaluation).toMatchObject({ count: 0, accuracy: null, macroF1: null, ece: null, tooFew: true, confusion: [[0, 0], [0, 0]] });
  });

  it('says how many labels were chosen by model disagreement and what accuracy is without them', () => {
    // Rows 1 and 3 (both wrong) and row 4 (right) had their labels set from a view of the model's predictions.
    const chosen = [false, true, false, true, true, false];
    const evaluation = evaluatePredictions('test', ['a', 'b', 'c'], { ...six, chosenByModel: chosen });
    expect(evaluation.chosenByModel.count).toBe(3);
    expect(evaluation.chosenByModel.countWithout).toBe(3);
    expect(evaluation.chosenByModel.accuracyWithout!.value).toBeCloseTo(1, 10); // rows 0, 2, 5: all right
    expect(evaluatePredictions('test', ['a', 'b', 'c'], six).chosenByModel).toEqual({ count: 0, countWithout: 6, accuracyWithout: null });
  });
});
