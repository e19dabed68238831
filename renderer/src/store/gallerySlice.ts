import type { SampleCondition, SampleSort } from '../../../shared/contract/sampleConditions';
import type { SampleFilter } from '../../../shared/contract/samples';
import type { Split } from '../../../shared/contract/schemas';
import type { LabelView } from '../../../shared/domain/labelViews';
import { slicePatcher } from './sliceTools';
import { flightKey, galleryPageSize, pagesForRange, pagesToFetch, storePage, withRowLabel, type PageCache } from './galleryPages';
import type { Slice } from './types';

export type GalleryStatus = NonNullable<SampleFilter['status']>;

/** A confusion-matrix cell's column: what a run predicted (the run of a round, or another one picked). */
export interface PredictedFilter {
  runId: string;
  round: number | null;
  classId: string;
}

/** Why the gallery shows what it shows, when a view opened it: labels made here carry `view` as their `via`. */
export interface GalleryOrigin {
  view: LabelView;
  /** The chip's words, e.g. "predicted dog in round 3". */
  title: string;
}

export interface GalleryFilter {
  status: GalleryStatus;
  classId: string | null;
  split: Split | null;
  /** Conditions on runs' predictions (and whatever other kinds the contract lists). */
  where: SampleCondition[];
  sort: SampleSort;
  origin: GalleryOrigin | null;
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
  /** Progress of "send all to review". */
  reviewing: { done: number; total: number } | null;
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
  /** Opens the gallery on what another view points at (failure cases, a comparison), remembering where from. */
  showInGallery(filter: Partial<GalleryFilter>, origin: GalleryOrigin): void;
  /** Back to the plain gallery: drops the model conditions, the sort and the origin; keeps status, class and split. */
  clearGalleryOrigin(): void;
  /** Sends a sample to expert review (a flag) instead of relabeling it where a prediction picked it. */
  flagFromGallery(sampleId: string): Promise<void>;
  /** Flags every image the filter lists (up to `reviewLimit`), one durable decision each. */
  flagAllForReview(): Promise<void>;
}

/** How many images "send all to review" flags at most in one go. */
export const reviewLimit = 500;

const initialFilter: GalleryFilter = { status: 'all', classId: null, split: null, where: [], sort: { by: 'import' }, origin: null };
const initial: GalleryState = { filter: initialFilter, total: null, pages: {}, generation: 0, visible: { start: 0, end: galleryPageSize }, reviewing: null };

export const createGallerySlice: Slice<GallerySlice> = (set, get, { api }) => {
  const inFlight = new Set<string>();
  const patch = slicePatcher(set, 'gallery');

  const fetchPage = async (page: number, generation: number, filter: GalleryFilter): Promise<void> => {
    const key = flightKey(generation, page);
    inFlight.add(key);
    const result = await api.samples.list({
      ...galleryRequest(filter),
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
      const result = await api.labels.set({
        sampleId,
        classId,
        seconds: 0,
        annotator: get().annotator || undefined,
        via: galleryVia(get().gallery.filter),
        ...(basedOn !== undefined ? { basedOn } : {}),
      });
      if (!result.ok) return get().showError(result.error, 'Label not saved');
      const after = result.value.after;
      patch((g) => ({ pages: withRowLabel(g.pages, sampleId, after) }));
    },

    openConfusionCell(trueClassId, predicted) {
      const name = get().classes.find((c) => c.id === predicted.classId)?.name ?? 'a removed class';
      const where = [{ kind: 'prediction' as const, runId: predicted.runId, classId: predicted.classId }];
      get().showInGallery({ status: 'labeled', classId: trueClassId, split: 'test', where }, { view: 'drill-down', title: `predicted ${name} ${predicted.round ? `in round ${predicted.round}` : `by run ${predicted.runId}`}` });
    },

    showInGallery(filter, origin) {
      get().setGalleryFilter({ ...initialFilter, ...filter, origin });
      get().setView('gallery');
    },

    clearGalleryOrigin: () => get().setGalleryFilter({ where: [], sort: { by: 'import' }, origin: null }),

    async flagFromGallery(sampleId) {
      const filter = get().gallery.filter;
      const result = await api.labels.flag({ sampleId, flagged: true, comment: reviewComment(filter), annotator: get().annotator || undefined, via: galleryVia(filter) });
      if (!result.ok) return get().showError(result.error, 'Not sent to review');
      const after = result.value.after;
      patch((g) => ({ pages: withRowLabel(g.pages, sampleId, after) }));
    },

    async flagAllForReview() {
      const filter = get().gallery.filter;
      const listed = await api.samples.list({ ...galleryRequest(filter), offset: 0, limit: reviewLimit });
      if (!listed.ok) return get().showError(listed.error, 'Not sent to review');
      const open = listed.value.items.filter((row) => !row.label.flag);
      patch({ reviewing: { done: 0, total: open.length } });
      let failed = 0;
      for (const row of open) {
        const result = await api.labels.flag({ sampleId: row.id, flagged: true, comment: reviewComment(filter), annotator: get().annotator || undefined, via: galleryVia(filter) });
        if (!result.ok) failed += 1;
        patch((g) => ({ reviewing: g.reviewing && { ...g.reviewing, done: g.reviewing.done + 1 } }));
      }
      patch({ reviewing: null });
      get().invalidateGallery();
      if (failed) get().notify('error', `${failed} of ${open.length} images could not be flagged.`, 'Check that the project is writable, then try again.');
      else get().notify('success', `${open.length} image${open.length === 1 ? '' : 's'} sent to review${listed.value.total > reviewLimit ? ` (the first ${reviewLimit} of ${listed.value.total})` : ''}.`);
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
    ...(filter.where.length ? { where: filter.where } : {}),
  };
}

/** Filter and sort, as one `samples:list` request carries them. */
export function galleryRequest(filter: GalleryFilter): { filter: SampleFilter; sort: SampleSort } {
  return { filter: requestFilter(filter), sort: filter.sort };
}

/** Conditions that pick samples by what a model says (suspected label errors: its out-of-fold disagreement). */
const modelConditions: ReadonlySet<SampleCondition['kind']> = new Set(['prediction', 'changed', 'suspected-label']);

/**
 * Whether what the gallery shows was chosen by a model's predictions (its class, confidence,
 * correctness, disagreement with the label). Outliers, duplicates and a map selection are not.
 */
export function showsPredictions(filter: GalleryFilter): boolean {
  return filter.origin !== null || filter.where.some((c) => modelConditions.has(c.kind)) || filter.sort.by === 'confidence' || filter.sort.by === 'margin';
}

/** Where a label made in the gallery was made: the view that opened it, the suspected labels, a gallery by prediction, or the plain gallery. */
export function galleryVia(filter: GalleryFilter): LabelView {
  if (filter.origin) return filter.origin.view;
  if (filter.where.some((c) => c.kind === 'suspected-label')) return 'suspected-labels';
  return showsPredictions(filter) ? 'prediction-sort' : 'gallery';
}

function reviewComment(filter: GalleryFilter): string {
  if (!filter.origin && galleryVia(filter) === 'suspected-labels') return 'Sent to review from the suspected label errors: is the label right?';
  return filter.origin ? `Sent to review from the ${filter.origin.view} view (${filter.origin.title}): is the label right?` : 'Sent to review from the gallery by prediction: is the label right?';
}
