import { describe, expect, it } from 'vitest';
import { baldScores, entropyScores, leastConfidenceScores, marginScores, topTwo } from '../../../../electron/worker/acquisition/math/uncertainty';

// Three samples over three classes: fairly sure, torn between two, certain.
const p = Float32Array.from([0.7, 0.2, 0.1, 0.4, 0.35, 0.25, 1, 0, 0]);

describe('uncertainty scores match hand-computed values', () => {
  it('least confidence is 1 − the top probability', () => {
    expect(Array.from(leastConfidenceScores(p, 3, 3))).toEqual([0.3, 0.6, 0].map(Math.fround));
  });

  it('margin is 1 − (top − second): the torn sample scores highest', () => {
    const scores = marginScores(p, 3, 3);
    expect(scores[0]).toBeCloseTo(0.5, 6);
    expect(scores[1]).toBeCloseTo(0.95, 6);
    expect(scores[2]).toBe(0);
  });

  it('entropy is −Σ p ln p in nats, with 0 ln 0 = 0', () => {
    const scores = entropyScores(p, 3, 3);
    // 0.7·0.356675 + 0.2·1.609438 + 0.1·2.302585
    expect(scores[0]).toBeCloseTo(0.8018186, 6);
    // 0.4·0.916291 + 0.35·1.049822 + 0.25·1.386294
    expect(scores[1]).toBeCloseTo(1.0805276, 6);
    expect(scores[2]).toBe(0);
  });

  it('BALD is the entropy of the mean minus the mean entropy over dropout passes', () => {
    // Layout passes × samples × classes: 2 passes, 3 samples, 2 classes.
    const passes = Float32Array.from([
      1, 0, 0.5, 0.5, 0.8, 0.2, // pass 1
      0, 1, 0.5, 0.5, 0.4, 0.6, // pass 2
    ]);
    const scores = baldScores(passes, 2, 3, 2);
    expect(scores[0]).toBeCloseTo(Math.LN2, 6); // confident passes that disagree: maximal
    expect(scores[1]).toBeCloseTo(0, 6); // agree on "unsure": no disagreement
    // H([0.6, 0.4]) − (H([0.8, 0.2]) + H([0.4, 0.6])) / 2 = 0.6730117 − 0.5867070
    expect(scores[2]).toBeCloseTo(0.0863047, 6);
  });

  it('topTwo names the two most probable classes, ties to the lower index', () => {
    expect(topTwo(p, 1, 3)).toEqual({ first: 0, second: 1 });
    expect(topTwo(Float32Array.from([0.2, 0.4, 0.4]), 0, 3)).toEqual({ first: 1, second: 2 });
    expect(topTwo(Float32Array.from([0.1, 0.2, 0.7]), 0, 3)).toEqual({ first: 2, second: 1 });
  });
});
