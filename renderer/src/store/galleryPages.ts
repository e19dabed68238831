import type { SampleRow } from '../../../shared/contract/samples';

/**
 * The gallery never holds all rows: it fetches fixed pages of `samples:list` for the
 * visible range and keeps a bounded cache of them. Pages from before a change stay on
 * screen (marked by an older generation) until their fresh copy arrives, so the grid
 * never flashes empty.
 */
export const galleryPageSize = 200;
/** About 20,000 rows in memory at most, whatever the project size. */
export const maxCachedPages = 100;

export interface CachedPage {
  rows: SampleRow[];
  generation: number;
}

export type PageCache = Readonly<Record<number, CachedPage>>;

/** Pages covering rows [start, end) (end exclusive). */
export function pagesForRange(start: number, end: number, pageSize = galleryPageSize): number[] {
  if (end <= start) return [];
  const first = Math.floor(Math.max(0, start) / pageSize);
  const last = Math.floor((end - 1) / pageSize);
  const pages: number[] = [];
  for (let p = first; p <= last; p++) pages.push(p);
  return pages;
}

/** Pages to request now: not cached at this generation and not already on their way. */
export function pagesToFetch(
  pages: readonly number[],
  cache: PageCache,
  generation: number,
  inFlight: ReadonlySet<string>,
): number[] {
  return pages.filter((p) => cache[p]?.generation !== generation && !inFlight.has(flightKey(generation, p)));
}

export function flightKey(generation: number, page: number): string {
  return `${generation}:${page}`;
}

/** Stores a page; drops the pages farthest from it when the cache grows past its bound. */
export function storePage(cache: PageCache, page: number, entry: CachedPage, limit = maxCachedPages): PageCache {
  const next: Record<number, CachedPage> = { ...cache, [page]: entry };
  const keys = Object.keys(next).map(Number);
  if (keys.length <= limit) return next;
  keys.sort((a, b) => Math.abs(b - page) - Math.abs(a - page));
  for (const key of keys.slice(0, keys.length - limit)) delete next[key];
  return next;
}

/** The row at an index, if its page is cached (possibly from an older generation). */
export function rowAt(cache: PageCache, index: number, pageSize = galleryPageSize): SampleRow | undefined {
  return cache[Math.floor(index / pageSize)]?.rows[index % pageSize];
}

/** The cache with one sample's label replaced wherever its row is held (the same cache if nowhere). */
export function withRowLabel(cache: PageCache, sampleId: string, label: SampleRow['label']): PageCache {
  let changed = false;
  const next: Record<number, CachedPage> = {};
  for (const [page, entry] of Object.entries(cache)) {
    const index = entry.rows.findIndex((row) => row.id === sampleId);
    if (index < 0) {
      next[Number(page)] = entry;
      continue;
    }
    changed = true;
    next[Number(page)] = { ...entry, rows: entry.rows.map((row, i) => (i === index ? { ...row, label } : row)) };
  }
  return changed ? next : cache;
}
