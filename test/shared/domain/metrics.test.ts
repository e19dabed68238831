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
    expect(scores[0]).toEqual({ precision: 1, recall: 0.5, f1: expect.closeTo(2 / 3, 10), support: 2 });
    expect(scores[1]).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5, support: 2 });
    // class 2: 2 of 3 predicted right, 2 of 2 found → F1 2·⅔·1/(5/3) = 0.8
    expect(scores[2]).toEqual({ precision: expect.closeTo(2 / 3, 10), recall: 1, f1: expect.closeTo(0.8, 10), support: 2 });
  });

  it('accuracy is 4 of 6 and macro-F1 the mean of ⅔, ½ and 0.8', () => {
    const evaluation = evaluatePredictions('test', ['a', 'b', 'c'], six);
    expect(evaluation.count).toBe(6);
    expect(evaluation.accuracy).toBeCloseTo(4 / 6, 10);
    expect(evaluation.macroF1).toBeCloseTo((2 / 3 + 0.5 + 0.8) / 3, 10);
    expect(evaluation.perClass.map((c) => c.classId)).toEqual(['a', 'b', 'c']);
    expect(evaluation.classIds).toEqual(['a', 'b', 'c']);
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

  it('a class absent from labels and predictions does not count in macro-F1', () => {
    const withEmpty = [
      [1, 1, 0, 0],
      [0, 1, 1, 0],
      [0, 0, 2, 0],
      [0, 0, 0, 0],
    ];
    expect(macroF1(withEmpty)).toBeCloseTo((2 / 3 + 0.5 + 0.8) / 3, 10);
    expect(perClassScores(withEmpty)[3]).toEqual({ precision: 0, recall: 0, f1: 0, support: 0 });
  });

  it('no labeled rows gives zeros, not NaN', () => {
    const evaluation = evaluatePredictions('test', ['a', 'b'], { truth: [], probabilities: [], numClasses: 2 });
    expect(evaluation).toMatchObject({ count: 0, accuracy: 0, macroF1: 0, ece: 0, confusion: [[0, 0], [0, 0]] });
  });
});
