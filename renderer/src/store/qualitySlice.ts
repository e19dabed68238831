import type { RequestOf } from '../../../shared/contract';
import type { MapPoints, QualityOverview, QualityStatus, ReviewItem } from '../../../shared/contract/quality';
import { unwrap } from '../api/studioApi';
import { projectLoader, slicePatcher } from './sliceTools';
import type { Slice } from './types';
import { dataCheckGallery } from './galleryDataCheck';

export type DataSection = 'suspects' | 'duplicates' | 'outliers' | 'map';

/** The review of suspected labels: the items fetched, the one on screen first. */
export interface ReviewState {
  items: ReviewItem[];
  /** Open suspects on the studio's side, including those fetched. */
  remaining: number;
  loading: boolean;
  /** When the item on screen was shown (time spent is recorded with a relabel). */
  shownAt: number;
}

export interface QualityState {
  status: QualityStatus | null;
  overview: QualityOverview | null;
  map: MapPoints | null;
  section: DataSection;
  /** The labeling view shows the review of suspected labels instead of the queue. */
  reviewing: boolean;
  review: ReviewState;
}

export interface QualitySlice {
  quality: QualityState;
  loadQuality(): Promise<void>;
  loadMap(): Promise<void>;
  onQualityStatus(status: QualityStatus): void;
  setDataSection(section: DataSection): void;
  checkQualityNow(): Promise<void>;
  cancelQualityCheck(): Promise<void>;
  startReview(): void;
  stopReview(): void;
  /** Keeps the label on screen (Enter / K) or changes it (a class key); moves to the next. */
  reviewCurrent(decision: { action: 'keep' } | { action: 'relabel'; classId: string }): void;
  skipReviewItem(): void;
  groupAction(request: RequestOf<'quality:group-action'>): Promise<void>;
  /** A lasso selection from the map: to the gallery filter or to the front of the labeling queue. */
  sendSelection(ids: readonly string[], target: 'gallery' | 'queue'): Promise<void>;
  resetQuality(): void;
}

const emptyReview: ReviewState = { items: [], remaining: 0, loading: false, shownAt: 0 };
const initial: QualityState = { status: null, overview: null, map: null, section: 'suspects', reviewing: false, review: emptyReview };

export const createQualitySlice: Slice<QualitySlice> = (set, get, deps) => {
  const { api } = deps;
  let epoch = 0;
  const patch = slicePatcher(set, 'quality');
  const load = projectLoader(get, () => epoch);
  const patchReview = (change: Partial<ReviewState>) => patch((q) => ({ review: { ...q.review, ...change } }));

  const fetchReview = async (): Promise<void> => {
    const held = get().quality.review.items.map((i) => i.sampleId);
    if (held.length >= 5) return;
    patchReview({ loading: true });
    await load(
      unwrap(api.quality.reviewNext({ count: 20, exclude: held })),
      ({ items, remaining }) => {
        const known = new Set(get().quality.review.items.map((i) => i.sampleId));
        const fresh = items.filter((i) => !known.has(i.sampleId));
        patch((q) => ({ review: { ...q.review, items: [...q.review.items, ...fresh], remaining: q.review.items.length + remaining, loading: false, shownAt: q.review.items.length ? q.review.shownAt : deps.now() } }));
      },
      'Suspected labels',
    );
    patchReview({ loading: false });
  };

  const advance = (): void => {
    patch((q) => ({ review: { ...q.review, items: q.review.items.slice(1), remaining: Math.max(0, q.review.remaining - 1), shownAt: deps.now() } }));
    void fetchReview();
  };

  return {
    quality: initial,

    async loadQuality() {
      await Promise.all([
        load(unwrap(api.quality.status({})), (status) => patch({ status }), 'Data checks'),
        load(unwrap(api.quality.overview({})), (overview) => patch({ overview }), 'Data checks'),
      ]);
    },
    loadMap: () => load(unwrap(api.quality.map({})), (map) => patch({ map }), 'The embedding map'),

    onQualityStatus(status) {
      patch({ status });
    },
    setDataSection(section) {
      patch({ section });
      if (section === 'map' && !get().quality.map) void get().loadMap();
    },
    async checkQualityNow() {
      await load(unwrap(api.quality.check({})), ({ started }) => !started && get().notify('info', 'Nothing to check yet: train a model first (T), or wait for the check in progress.'), 'Data checks');
    },
    async cancelQualityCheck() {
      await load(unwrap(api.quality.cancel({})), () => undefined, 'Data checks');
    },

    startReview() {
      patch({ reviewing: true, review: { ...emptyReview, shownAt: deps.now() } });
      get().setView('label');
      void fetchReview();
    },
    stopReview() {
      patch({ reviewing: false, review: emptyReview });
    },
    reviewCurrent(decision) {
      const item = get().quality.review.items[0];
      if (!item) return;
      const seconds = Math.max(0, (deps.now() - get().quality.review.shownAt) / 1000);
      const annotator = get().annotator || undefined;
      advance();
      void api.quality.review({ sampleId: item.sampleId, seconds, annotator, ...decision }).then((result) => {
        if (!result.ok) get().showError(result.error, 'The review decision was not saved');
      });
    },
    skipReviewItem() {
      const item = get().quality.review.items[0];
      if (!item) return;
      // Skipped for now: it goes to the back of what this window holds, the studio still lists it.
      patch((q) => ({ review: { ...q.review, items: [...q.review.items.slice(1), item], shownAt: deps.now() } }));
    },
    async groupAction(request) {
      await load(unwrap(api.quality.groupAction({ ...request, annotator: get().annotator || undefined })), ({ changed }) => changed > 0 && get().notify('info', `${changed} image${changed === 1 ? '' : 's'} changed.`), 'Duplicate group');
    },
    async sendSelection(ids, target) {
      await load(
        unwrap(api.quality.select({ ids: [...ids], target })),
        (result) => {
          if (target === 'gallery') {
            get().setGalleryFilter(dataCheckGallery('map-selection'));
            get().setView('gallery');
          } else {
            const left = result.leftOut ? ` ${result.leftOut} labeled, skipped, val or test image${result.leftOut === 1 ? ' stays' : 's stay'} out (held-out labels are collected at random).` : '';
            get().notify('info', `${result.queued} image${result.queued === 1 ? '' : 's'} from the map go first in the labeling queue.${left}`);
          }
        },
        'Map selection',
      );
    },
    resetQuality() {
      epoch += 1;
      set({ quality: initial });
    },
  };
};
