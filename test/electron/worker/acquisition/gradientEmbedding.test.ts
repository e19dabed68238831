import { describe, expect, it } from 'vitest';
import { gradientDistancesTo, gradientEmbeddings, gradientKMeansPlusPlus } from '../../../../electron/worker/acquisition/math/gradientEmbedding';
import { seededRandom } from '../../../../electron/worker/acquisition/seededRandom';

// Three candidates, two classes, 1-d embeddings: torn, confident, fairly sure of class 1.
const p = Float32Array.from([0.5, 0.5, 0.9, 0.1, 0.2, 0.8]);
const x = Float32Array.from([1, 3, 1]);

describe('BADGE gradient embeddings match the outer products written out by hand', () => {
  it('squared gradient length is ‖p − onehot(guess)‖² · (‖x‖² + 1)', () => {
    const g = gradientEmbeddings(p, x, 3, 2, 1);
    // a = [−0.5, 0.5] (a tie goes to class 0): 0.5 · (1 + 1)
    expect(g.squaredNorms[0]).toBeCloseTo(1, 6);
    // a = [−0.1, 0.1]: 0.02 · (9 + 1)
    expect(g.squaredNorms[1]).toBeCloseTo(0.2, 6);
    // guess is class 1, a = [0.2, −0.2]: 0.08 · (1 + 1)
    expect(g.squaredNorms[2]).toBeCloseTo(0.16, 6);
    [-0.5, 0.5, -0.1, 0.1, 0.2, -0.2].forEach((v, i) => expect(g.a[i]).toBeCloseTo(v, 6));
  });

  it('distances equal those between the written-out gradients', () => {
    const g = gradientEmbeddings(p, x, 3, 2, 1);
    // g0 = [−0.5, −0.5, 0.5, 0.5], g2 = [0.2, 0.2, −0.2, −0.2]: 4 · 0.7² = 1.96
    expect(gradientDistancesTo(g, 2)[0]).toBeCloseTo(1.96, 5);
    // g1 = [−0.3, −0.1, 0.3, 0.1]: 0.2² + 0.4² + 0.2² + 0.4² = 0.4
    expect(gradientDistancesTo(g, 1)[0]).toBeCloseTo(0.4, 5);
    expect(gradientDistancesTo(g, 1)[1]).toBeCloseTo(0, 6);
  });

  it('k-means++ starts from the largest gradient and never repeats a pick', () => {
    const g = gradientEmbeddings(p, x, 3, 2, 1);
    const picks = gradientKMeansPlusPlus(g, 3, seededRandom(1));
    expect(picks[0]).toBe(0);
    expect(new Set(picks).size).toBe(3);
  });

  it('a head certain of everything still yields distinct picks', () => {
    const sure = Float32Array.from([1, 0, 1, 0, 0, 1, 0, 1]);
    const g = gradientEmbeddings(sure, Float32Array.from([1, 2, 3, 4]), 4, 2, 1);
    expect(Array.from(g.squaredNorms)).toEqual([0, 0, 0, 0]);
    expect(gradientKMeansPlusPlus(g, 3, seededRandom(1))).toEqual([0, 1, 2]);
  });
});
