import { describe, expect, it } from 'vitest';
import { splitMetrics } from '../../../../electron/worker/training/metrics';

describe('run metrics', () => {
  it('accuracy, cross-entropy and macro-F1 agree with a hand count', () => {
    // 4 samples, 3 classes; predictions: 0, 1, 1, 2; labels: 0, 1, 2, 2.
    const p = Float32Array.from([0.8, 0.1, 0.1, 0.2, 0.7, 0.1, 0.1, 0.6, 0.3, 0.1, 0.2, 0.7]);
    const m = splitMetrics(p, Int32Array.from([0, 1, 2, 2]), 4, 3);
    expect(m.accuracy).toBe(0.75);
    expect(m.loss).toBeCloseTo(-(Math.log(0.8) + Math.log(0.7) + Math.log(0.3) + Math.log(0.7)) / 4, 6);
    // F1: class 0 = 1, class 1 = 2/3 (tp 1, 2 predicted, 1 actual), class 2 = 2/3.
    expect(m.macroF1).toBeCloseTo((1 + 2 / 3 + 2 / 3) / 3, 6);
  });

  it('a class absent from labels and predictions does not count as perfect', () => {
    const p = Float32Array.from([0.9, 0.05, 0.05, 0.2, 0.7, 0.1]);
    const m = splitMetrics(p, Int32Array.from([0, 0]), 2, 3);
    expect(m.macroF1).toBeCloseTo((2 / 3 + 0) / 2, 6);
  });
});
