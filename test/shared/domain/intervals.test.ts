import { describe, expect, it } from 'vitest';
import { bootstrapInterval, wilsonInterval } from '../../../shared/domain/intervals';

describe('the Wilson score interval', () => {
  // The worked examples of Newcombe (1998), "Two-sided confidence intervals for the single
  // proportion", Statistics in Medicine 17:857–872: the score interval without continuity
  // correction (his method 3), to four decimals.
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%i of %i: %f to %f, as in Newcombe’s table', (successes, n, low, high) => {
    const interval = wilsonInterval(successes, n)!;
    expect(interval.value).toBeCloseTo(successes / n, 12);
    expect(interval.low).toBeCloseTo(low, 4);
    expect(interval.high).toBeCloseTo(high, 4);
  });

  it('stays inside [0, 1] at the edges and has no interval without samples', () => {
    expect(wilsonInterval(17, 17)).toEqual({ value: 1, low: expect.closeTo(0.8157, 4), high: 1 });
    expect(wilsonInterval(0, 0)).toBeNull();
  });

  it('the "val 25 %" of 8 labels spans 7% to 59%: too wide to be a headline', () => {
    const interval = wilsonInterval(2, 8)!;
    expect(interval.low).toBeCloseTo(0.0715, 4);
    expect(interval.high).toBeCloseTo(0.5907, 4);
  });
});

describe('the percentile bootstrap', () => {
  const values = Float64Array.from({ length: 40 }, (_, i) => (i % 4 === 0 ? 0 : 1)); // mean 0.75
  const mean = (rows: Uint32Array) => rows.reduce((sum, i) => sum + values[i], 0) / rows.length;

  it('is seeded: the same seed gives the same interval, another seed a slightly different one', () => {
    const a = bootstrapInterval(values.length, mean, { seed: 7 });
    expect(bootstrapInterval(values.length, mean, { seed: 7 })).toEqual(a);
    expect(bootstrapInterval(values.length, mean, { seed: 8 })).not.toEqual(a);
  });

  it('brackets the statistic about where the normal approximation puts a mean of 0/1 values', () => {
    // Standard error of 0.75 over 40 rows: √(.75·.25/40) = 0.0685 → about 0.62 to 0.88.
    const { low, high } = bootstrapInterval(values.length, mean, { seed: 1, resamples: 2000 });
    expect(low).toBeGreaterThan(0.55);
    expect(low).toBeLessThan(0.68);
    expect(high).toBeGreaterThan(0.82);
    expect(high).toBeLessThanOrEqual(0.95);
  });

  it('with one row there is nothing to resample: the interval is the value itself', () => {
    expect(bootstrapInterval(1, () => 0.5, { seed: 1 })).toEqual({ low: 0.5, high: 0.5 });
  });
});
