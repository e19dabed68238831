import { describe, expect, it } from 'vitest';
import { sameData } from '../../../renderer/src/store/sameData';

describe('telling a refresh that changed nothing from one that did', () => {
  const row = { id: 's1', width: 640, height: 480, label: { classId: null, flag: null, skipped: false } };

  it('the same row sent again is the same data, whatever object it arrives in', () => {
    expect(sameData(row, structuredClone(row))).toBe(true);
    expect(sameData([row, 1, 'a'], [structuredClone(row), 1, 'a'])).toBe(true);
  });

  it('a label, a flag or a count that changed is a change', () => {
    expect(sameData(row, { ...row, label: { ...row.label, classId: 'cat' } })).toBe(false);
    expect(sameData(row, { ...row, label: { ...row.label, flag: { comment: '' } } })).toBe(false);
    expect(sameData({ total: 3 }, { total: 4 })).toBe(false);
  });

  it('missing or extra fields, other shapes and nothing at all are changes', () => {
    expect(sameData({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameData({ a: 1, b: 2 }, { a: 1, c: 2 })).toBe(false);
    expect(sameData([1, 2], [1, 2, 3])).toBe(false);
    expect(sameData([1], { 0: 1 })).toBe(false);
    expect(sameData(row, undefined)).toBe(false);
    expect(sameData(null, {})).toBe(false);
  });
});
