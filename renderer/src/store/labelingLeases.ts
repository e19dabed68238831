import type { StudioApi } from '../../../shared/contract';
import { heldIds, type QueueView } from './labelingQueue';
import type { GetState } from './types';

/**
 * The labeling view's side of the leases: the studio hands each image to one tab, and this
 * tab renews what it shows and holds, takes back images it brings on screen again, and gives
 * back what it drops. Failed renewals cost this tab nothing (leases are a courtesy to the
 * others), so they are not reported; someone else holding an image is.
 */
export function labelingLeases(api: StudioApi, get: GetState, view: () => QueueView, dropAhead: (taken: ReadonlySet<string>) => void) {
  const annotator = (): string | undefined => get().annotator || undefined;
  const sameScreen = (other: string) => `${other} has this image on screen too; whoever labels it second gets a conflict.`;
  return {
    /** Takes the lease on images brought back on screen. */
    hold(ids: string[]): void {
      void api.queue.hold({ sampleIds: ids, annotator: annotator() }).then((result) => {
        const other = result.ok ? result.value.takenBy[0] : undefined;
        if (other) get().notify('info', sameScreen(other.annotator));
      });
    },
    release(ids: string[]): void {
      if (ids.length) void api.queue.release({ sampleIds: ids, annotator: annotator() });
    },
    /** Renews everything held; images someone else now holds leave the queue ahead. */
    async renew(): Promise<void> {
      if (!get().project) return;
      const ids = heldIds(view(), []);
      if (!ids.length) return;
      const result = await api.queue.hold({ sampleIds: ids, annotator: annotator() });
      if (!result.ok) return;
      const taken = new Set(result.value.takenBy.map((t) => t.sampleId));
      if (taken.size) dropAhead(taken);
      const onScreen = result.value.takenBy.find((t) => t.sampleId === view().current?.sampleId);
      if (onScreen) get().notify('info', sameScreen(onScreen.annotator));
    },
    /** Gives every held image back (under `as`, e.g. the name before a rename). */
    async releaseAll(as?: string): Promise<void> {
      const ids = heldIds(view(), []);
      if (ids.length) await api.queue.release({ sampleIds: ids, annotator: as || annotator() });
    },
  };
}
