import { describe, expect, it } from 'vitest';
import type { SampleRow } from '../../../shared/contract/samples';
import { emptyLabelState } from '../../../shared/domain/records';
import { flightKey, pagesForRange, pagesToFetch, rowAt, storePage } from '../../../renderer/src/store/galleryPages';

const rows = (page: number, size = 10): SampleRow[] =>
  Array.from({ length: size }, (_, i) => ({
    id: `s${page * size + i}`,
    fileName: 'x.png',
    relativePath: 'x.png',
    path: '/x.png',
    split: 'train',
    width: 1,
    height: 1,
    importedLabel: null,
    label: emptyLabelState,
  }));

describe('gallery paging', () => {
  it('fetches only the pages that cover the visible rows', () => {
    expect(pagesForRange(0, 1, 200)).toEqual([0]);
    expect(pagesForRange(150, 450, 200)).toEqual([0, 1, 2]);
    expect(pagesForRange(99_800, 100_000, 200)).toEqual([499]);
    expect(pagesForRange(5, 5, 200)).toEqual([]);
  });

  it('does not fetch a page it holds at this generation or is already fetching', () => {
    const cache = { 0: { rows: rows(0), generation: 2 }, 1: { rows: rows(1), generation: 1 } };
    expect(pagesToFetch([0, 1, 2, 3], cache, 2, new Set([flightKey(2, 3)]))).toEqual([1, 2]);
  });

  it('keeps showing an older copy of a page until the fresh one arrives', () => {
    const cache = { 0: { rows: rows(0), generation: 1 } };
    expect(rowAt(cache, 3, 10)?.id).toBe('s3');
    expect(pagesToFetch([0], cache, 2, new Set())).toEqual([0]);
  });

  it('holds a bounded number of pages, dropping those farthest from where the user is', () => {
    let cache = {};
    for (let p = 0; p < 10; p++) cache = storePage(cache, p, { rows: rows(p), generation: 1 }, 4);
    expect(Object.keys(cache).map(Number).sort((a, b) => a - b)).toEqual([6, 7, 8, 9]);
    cache = storePage(cache, 2, { rows: rows(2), generation: 1 }, 4);
    expect(Object.keys(cache).map(Number).sort((a, b) => a - b)).toEqual([2, 6, 7, 8]);
  });

  it('finds a row by its index across pages, or nothing where no page is cached', () => {
    const cache = storePage({}, 3, { rows: rows(3), generation: 1 });
    expect(rowAt(cache, 35, 10)?.id).toBe('s35');
    expect(rowAt(cache, 45, 10)).toBeUndefined();
  });
});
