import type { SampleFilter } from '../../../shared/contract/samples';
import type { Split } from '../../../shared/contract/schemas';
import { slicePatcher } from './sliceTools';
import { flightKey, galleryPageSize, pagesForRange, pagesToFetch, storePage, withRowLabel, type PageCache } from './galleryPages';
import type { Slice } from './types';

export type GalleryStatus = NonNullable<SampleFilter['status']>;

/** A confusion-matrix cell's column: what a round's run predicted. */
export interface PredictedFilter {
  runId: string;
  round: number;
  classId: string;
}

export interface GalleryFilter {
  status: GalleryStatus;
  classId: string | null;
  split: Split | null;
  predicted: PredictedFilter | null;
}

export interface GalleryState {
  filter: GalleryFilter;
  /** Rows matching the filter; null until the first page answers. */
  total: number | null;
  pages: PageCache;
  /** Bumped when the rows may have changed; older pages stay shown until refreshed. */
  generation: number;
  /** The rows on screen, so a refresh fetches what the user is looking at. */
  visible: { start: number; end: number };
}

export interface GallerySlice {
  gallery: GalleryState;
  setGalleryFilter(change: Partial<GalleryFilter>): void;
  /** The grid shows rows [start, end): fetch the pages it lacks. */
  showGalleryRange(start: number, end: number): void;
  invalidateGallery(): void;
  resetGallery(): void;
  /**
   * Labels a sample from the grid, where it stands (a class key on a focused tile). The tile
   * shows the new class once the studio has it on disk; the list refreshes as usual after.
   */
  labelFromGallery(sampleId: string, classId: string): Promise<void>;
  /** Opens a confusion-matrix cell: the labeled test images of `trueClassId` the round's run predicted as `predicted.classId`. */
  openConfusionCell(trueClassId: string, predicted: PredictedFilter): void;
}

const initialFilter: GalleryFilter = { status: 'all', classId: null, split: null, predicted: null };
const initial: GalleryState = { filter: initialFilter, total: null, pages: {}, generation: 0, visible: { start: 0, end: galleryPageSize } };

export const createGallerySlice: Slice<GallerySlice> = (set, get, { api }) => {
  const inFlight = new Set<string>();
  const patch = slicePatcher(set, 'gallery');

  const fetchPage = async (page: number, generation: number, filter: GalleryFilter): Promise<void> => {
    const key = flightKey(generation, page);
    inFlight.add(key);
    const result = await api.samples.list({
      filter: requestFilter(filter),
      offset: page * galleryPageSize,
      limit: galleryPageSize,
    });
    inFlight.delete(key);
    if (get().gallery.generation !== generation) return; // the filter or the data changed meanwhile
    if (!result.ok) return get().showError(result.error, 'Gallery');
    patch((g) => ({ total: result.value.total, pages: storePage(g.pages, page, { rows: result.value.items, generation }) }));
  };

  const fetchVisible = (): void => {
    if (!get().project) return;
    const g = get().gallery;
    const wanted = pagesForRange(g.visible.start, Math.max(g.visible.end, g.visible.start + 1));
    for (const page of pagesToFetch(wanted, g.pages, g.generation, inFlight)) void fetchPage(page, g.generation, g.filter);
  };

  return {
    gallery: initial,

    setGalleryFilter(change) {
      // A new filter is a different list: nothing cached applies to it.
      patch((g) => ({ filter: { ...g.filter, ...change }, total: null, pages: {}, generation: g.generation + 1, visible: { start: 0, end: galleryPageSize } }));
      fetchVisible();
    },

    showGalleryRange(start, end) {
      const g = get().gallery;
      if (g.visible.start !== start || g.visible.end !== end) patch({ visible: { start, end } });
      fetchVisible();
    },

    invalidateGallery() {
      patch((g) => ({ generation: g.generation + 1 }));
      if (get().view === 'gallery') fetchVisible();
    },

    async labelFromGallery(sampleId, classId) {
      // The tile shows the label as of its page: a label made on it says so (basedOn), so one given by someone else since is a conflict.
      const basedOn = Object.values(get().gallery.pages).flatMap((p) => p.rows).find((row) => row.id === sampleId)?.version;
      const result = await api.labels.set({ sampleId, classId, seconds: 0, annotator: get().annotator || undefined, ...(basedOn !== undefined ? { basedOn } : {}) });
      if (!result.ok) return get().showError(result.error, 'Label not saved');
      const after = result.value.after;
      patch((g) => ({ pages: withRowLabel(g.pages, sampleId, after) }));
    },

    openConfusionCell(trueClassId, predicted) {
      get().setGalleryFilter({ status: 'labeled', classId: trueClassId, split: 'test', predicted });
      get().setView('gallery');
    },

    resetGallery() {
      inFlight.clear();
      set((s) => ({ gallery: { ...initial, generation: s.gallery.generation + 1 } }));
    },
  };
};

/** The gallery's filter as `samples:list` takes it. */
export function requestFilter(filter: GalleryFilter): SampleFilter {
  return {
    status: filter.status,
    ...(filter.classId ? { classId: filter.classId } : {}),
    ...(filter.split ? { split: filter.split } : {}),
    ...(filter.predicted ? { predicted: { runId: filter.predicted.runId, classId: filter.predicted.classId } } : {}),
  };
}
