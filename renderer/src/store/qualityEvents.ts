import type { Disposer } from '../../../shared/contract';
import type { StudioStore } from './index';

/**
 * Follows the data checks: their progress, a new report or map (refetched only when the
 * Data tab or the review has loaded one), and label changes, which can settle a suspect.
 */
export function followQualityEvents(store: StudioStore, gatherMs = 300): Disposer {
  const { api } = store.getState().deps;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let map = false;
  const refresh = () => {
    timer = null;
    const s = store.getState();
    if (s.quality.overview) void s.loadQuality();
    if (map && s.quality.map) void s.loadMap();
    map = false;
  };
  const later = () => (timer ??= setTimeout(refresh, gatherMs));
  // The labeling view offers the review as soon as there are suspects: load the list once.
  void store.getState().loadQuality();
  const disposers = [
    api.quality.onProgress((status) => store.getState().onQualityStatus(status)),
    api.quality.onChanged(({ what }) => {
      if (what.includes('map')) map = true;
      later();
    }),
    api.project.onChanged(({ what }) => {
      if (what.includes('labels')) later();
    }),
  ];
  return () => {
    if (timer) clearTimeout(timer);
    for (const dispose of disposers) dispose();
  };
}
