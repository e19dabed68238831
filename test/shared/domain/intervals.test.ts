import { describe, expect, it } from 'vitest';
import { bootstrapInterval, wilsonInterval } from '../../../shared/domain/intervals';

describe('95 % intervals for the figures an export reports', () => {
  it('Wilson: 8 of 10 right is 0.8 with the textbook interval (0.490, 0.943)', () => {
    const w = wilsonInterval(8, 10)!;
    expect(w.value).toBe(0.8);
    expect(w.low).toBeCloseTo(0.4902, 3);
    expect(w.high).toBeCloseTo(0.9433, 3);
    expect(w.n).toBe(10);
  });

  it('Wilson stays inside [0, 1] at all-right and all-wrong, and widens as n shrinks', () => {
    expect(wilsonInterval(5, 5)!.high).toBe(1);
    expect(wilsonInterval(0, 5)!.low).toBe(0);
    expect(wilsonInterval(0, 5)!.high).toBeGreaterThan(0.4);
    const wide = wilsonInterval(3, 5)!;
    const narrow = wilsonInterval(300, 500)!;
    expect(wide.high - wide.low).toBeGreaterThan(narrow.high - narrow.low);
    expect(wilsonInterval(0, 0)).toBeNull();
  });

  it('bootstrap: the interval of a mean of 0/1 rows brackets the value and is the same for the same seed', () => {
    const rows = Array.from({ length: 50 }, (_, i) => (i % 4 === 0 ? 0 : 1));
    const mean = (picked: Int32Array) => picked.reduce((sum, i) => sum + rows[i], 0) / picked.length;
    const a = bootstrapInterval(rows.length, mean)!;
    expect(a.value).toBeCloseTo(0.74, 10);
    expect(a.low).toBeLessThan(0.74);
    expect(a.high).toBeGreaterThan(0.74);
    expect(a.high - a.low).toBeGreaterThan(0.15);
    expect(a.high - a.low).toBeLessThan(0.35);
    expect(bootstrapInterval(rows.length, mean)).toEqual(a);
  });
});
