import { describe, expect, it } from 'vitest';
import { SplitAssigner, splitOrderKey, validateRatios } from '../../../shared/domain/splits';
import { NearDuplicateIndex, hammingHex } from '../../../shared/domain/dhash';

describe('frozen stratified splits', () => {
  it('each class gets 80/10/10 however its samples arrive', () => {
    const assigner = new SplitAssigner();
    const counts: Record<string, Record<string, number>> = {};
    const arrivals = [...Array(100).fill('cat'), ...Array(50).fill('dog'), ...Array(100).fill('cat').slice(0, 30)];
    for (const label of arrivals) {
      const split = assigner.assign(label);
      counts[label] ??= { train: 0, val: 0, test: 0 };
      counts[label][split] += 1;
    }
    expect(counts.cat).toEqual({ train: 104, val: 13, test: 13 });
    expect(counts.dog).toEqual({ train: 40, val: 5, test: 5 });
  });

  it('a reopened project continues from the recorded counts', () => {
    const assigner = new SplitAssigner();
    for (let i = 0; i < 8; i++) assigner.record('', 'train');
    expect(assigner.assign('')).toBe('val');
    expect(assigner.assign('')).toBe('test');
  });

  it('the order key is stable for a seed and differs across seeds', () => {
    expect(splitOrderKey(7, 'abc')).toBe(splitOrderKey(7, 'abc'));
    expect(splitOrderKey(7, 'abc')).not.toBe(splitOrderKey(8, 'abc'));
  });

  it('split shares must be valid', () => {
    expect(validateRatios({ train: 0.8, val: 0.1, test: 0.1 })).toBeNull();
    expect(validateRatios({ train: 0.8, val: 0.3, test: 0.1 })).toMatch(/add up to 1/);
  });
});

describe('near-duplicate index', () => {
  it('finds hashes within 4 bits and ignores farther ones', () => {
    const index = new NearDuplicateIndex<string>(4);
    index.add('a', '0000000000000000');
    index.add('b', 'ffffffffffffffff');
    expect(index.nearest('000000000000000f')).toEqual({ item: 'a', distance: 4 });
    expect(index.nearest('00000000000000ff')).toBeNull();
    expect(hammingHex('f0', '0f')).toBe(8);
  });
});

describe('near-duplicate index at scale', () => {
  it('ten thousand identical-looking frames are matched without scanning every one', () => {
    const index = new NearDuplicateIndex<number>(4);
    for (let i = 0; i < 10_000; i++) {
      expect(i === 0 || index.nearest('0123456789abcdef') !== null).toBe(true);
      index.add(i, '0123456789abcdef');
    }
    expect(index.nearest('0123456789abcdee')?.distance).toBe(1);
    expect(index.nearest('0123456789abcdef')).toEqual({ item: 0, distance: 0 }); // an exact match ends the search
  });
});
