import { describe, expect, it } from 'vitest';
import { classAlpha, cohensKappa, confusionBetween, krippendorffAlpha } from '../../../shared/domain/agreement';

const repeat = <T>(n: number, value: T): T[] => Array.from({ length: n }, () => value);

describe("Cohen's kappa", () => {
  it('matches the textbook 2×2 example: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no gives 0.4', () => {
    const pairs = [...repeat(20, ['yes', 'yes'] as const), ...repeat(5, ['yes', 'no'] as const), ...repeat(10, ['no', 'yes'] as const), ...repeat(15, ['no', 'no'] as const)];
    const result = cohensKappa(pairs);
    expect(result.items).toBe(50);
    expect(result.observed).toBeCloseTo(0.7, 10);
    expect(result.kappa).toBeCloseTo(0.4, 10);
  });

  it("matches scikit-learn's cohen_kappa_score on three classes (0.5454…)", () => {
    const a = ['cat', 'cat', 'dog', 'bird', 'dog', 'cat', 'bird', 'bird', 'dog', 'cat'];
    const b = ['cat', 'dog', 'dog', 'bird', 'dog', 'cat', 'cat', 'bird', 'bird', 'cat'];
    expect(cohensKappa(a.map((x, i) => [x, b[i]] as const)).kappa).toBeCloseTo(0.5454545454545454, 12);
  });

  it('is undefined with no items or when both always answer the same single class', () => {
    expect(cohensKappa([])).toEqual({ kappa: null, observed: null, items: 0 });
    expect(cohensKappa(repeat(5, ['cat', 'cat'] as const)).kappa).toBeNull();
  });
});

describe("Krippendorff's alpha (nominal)", () => {
  it("matches Krippendorff's own worked example: 4 observers, 12 units, missing values, α = 0.743", () => {
    // Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C; '.' = no answer.
    const observers = ['1 2 3 3 2 1 4 1 2 . . .', '1 2 3 3 2 2 4 1 2 5 . 3', '. 3 3 3 2 3 4 2 2 5 1 .', '1 2 3 3 2 4 4 1 2 5 1 .'].map((row) => row.split(' '));
    const units = observers[0].map((_, u) => observers.map((o) => o[u]).filter((v) => v !== '.'));
    const result = krippendorffAlpha(units);
    expect(result.items).toBe(11); // unit 12 has one value: not pairable
    expect(result.values).toBe(40);
    expect(result.alpha).toBeCloseTo(0.743, 3);
  });

  it('matches a hand-computed two-coder case: (a,a) (a,b) (b,b) (b,b) gives 1 − 7·2/30', () => {
    expect(krippendorffAlpha([['a', 'a'], ['a', 'b'], ['b', 'b'], ['b', 'b']]).alpha).toBeCloseTo(1 - 14 / 30, 12);
  });

  it('is 1 for perfect agreement over two classes and undefined when everyone always gives one class', () => {
    expect(krippendorffAlpha([['a', 'a', 'a'], ['b', 'b']]).alpha).toBe(1);
    expect(krippendorffAlpha([['a', 'a'], ['a', 'a']]).alpha).toBeNull();
    expect(krippendorffAlpha([['a'], ['b']])).toEqual({ alpha: null, items: 0, values: 0 });
  });

  it('per class: one class against the rest, over the items where anyone chose it', () => {
    const units = [['cat', 'cat'], ['cat', 'dog'], ['dog', 'dog'], ['bird', 'bird']];
    const cat = classAlpha(units, 'cat');
    expect(cat.items).toBe(2);
    // binary: (y,y) (y,n) (n,n) (n,n), the hand-computed case above
    expect(cat.alpha).toBeCloseTo(1 - 14 / 30, 12);
    expect(classAlpha(units, 'bird').alpha).toBe(1);
  });
});

describe('the annotator-vs-annotator confusion matrix', () => {
  it("counts rows by the first annotator's class and columns by the second's", () => {
    const pairs = [['cat', 'cat'], ['cat', 'dog'], ['dog', 'dog'], ['dog', 'cat'], ['cat', 'dog'], ['gone', 'cat']] as const;
    expect(confusionBetween(pairs, ['cat', 'dog'])).toEqual([
      [1, 2],
      [1, 1],
    ]);
  });
});
