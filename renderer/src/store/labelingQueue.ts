import type { QueueItem } from '../../../shared/contract/queue';

/**
 * What the labeling view holds: the item on screen, the items fetched ahead of it (so the
 * next one appears at once) and the trail of items already shown (arrow keys walk it).
 * Every function here is pure: it returns a new view and never mutates.
 */
export interface QueueView {
  current: QueueItem | null;
  ahead: QueueItem[];
  trail: QueueItem[];
}

export const emptyQueue: QueueView = { current: null, ahead: [], trail: [] };

/**
 * Below this many items ahead, the view asks the studio for more. As deep as the images
 * loaded ahead (prefetchDepth): the studio starts making an item's preview when it hands the
 * item out, and under load that takes a few hundred milliseconds, so an item must be handed
 * out some ten keypresses before it comes on screen to be painted at once.
 */
export const refillBelow = 10;
/** How many items one refill asks for. */
export const refillCount = 10;
/** How far back the arrow keys can walk. */
export const trailLimit = 50;
/** The studio accepts at most this many excluded ids. */
export const excludeLimit = 500;

export function revisitItem(sampleId: string): QueueItem {
  return { sampleId, reason: { strategy: 'revisit', score: null, note: 'back for another look' }, heldOut: false, top: [] };
}

/** The current item goes onto the trail; the first item ahead comes on screen. */
export function advance(view: QueueView): QueueView {
  const [next, ...rest] = view.ahead;
  return { current: next ?? null, ahead: rest, trail: pushTrail(view.trail, view.current) };
}

/** ArrowLeft: the previous item comes back; the current one waits at the front of the queue. */
export function goBack(view: QueueView): QueueView {
  if (view.trail.length === 0) return view;
  const previous = view.trail[view.trail.length - 1];
  return {
    current: previous,
    ahead: view.current ? [view.current, ...view.ahead] : view.ahead,
    trail: view.trail.slice(0, -1),
  };
}

/** ArrowRight: like advancing, without deciding anything; stays put at the end of the queue. */
export function goForward(view: QueueView): QueueView {
  return view.ahead.length === 0 ? view : advance(view);
}

/**
 * Puts a sample on screen again (after an undo, or from the history or the gallery). The
 * item it replaces waits at the front of the queue, so nothing is lost from the order.
 */
export function bringBack(view: QueueView, sampleId: string): QueueView {
  if (view.current?.sampleId === sampleId) return view;
  const known = view.trail.find((i) => i.sampleId === sampleId) ?? view.ahead.find((i) => i.sampleId === sampleId);
  const ahead = view.ahead.filter((i) => i.sampleId !== sampleId);
  return {
    current: known ?? revisitItem(sampleId),
    ahead: view.current ? [view.current, ...ahead] : ahead,
    trail: view.trail.filter((i) => i.sampleId !== sampleId),
  };
}

/** Ids the studio must not offer again: on screen, ahead, or decided but not yet saved. */
export function heldIds(view: QueueView, unsaved: readonly string[]): string[] {
  const ids = new Set<string>();
  if (view.current) ids.add(view.current.sampleId);
  for (const item of view.ahead) ids.add(item.sampleId);
  for (const id of unsaved) ids.add(id);
  return [...ids].slice(0, excludeLimit);
}

/** Adds freshly fetched items that the view does not hold yet; fills the screen if empty. */
export function mergeFetched(view: QueueView, fetched: readonly QueueItem[], unsaved: readonly string[]): QueueView {
  const held = new Set(heldIds(view, unsaved));
  const fresh = fetched.filter((item) => {
    if (held.has(item.sampleId)) return false;
    held.add(item.sampleId);
    return true;
  });
  const ahead = [...view.ahead, ...fresh];
  if (view.current) return { ...view, ahead };
  const [first, ...rest] = ahead;
  return { ...view, current: first ?? null, ahead: rest };
}

/**
 * The model retrained and the studio rescored the queue: the items ahead are replaced by
 * the fresh order, while the item on screen (and the trail behind it) never moves.
 */
export function replaceAhead(view: QueueView, fetched: readonly QueueItem[], unsaved: readonly string[]): QueueView {
  return mergeFetched({ ...view, ahead: [] }, fetched, unsaved);
}

/** Ids a rescored queue must leave out: only what is on screen or still being saved. */
export function rescoreExclude(view: QueueView, unsaved: readonly string[]): string[] {
  return heldIds({ ...view, ahead: [] }, unsaved);
}

/**
 * The model's suggestion to show for an item. Held-out (val/test) items get none, so the
 * annotator's label is independent of the model it will judge; Space then does nothing.
 */
export function suggestionOf(item: QueueItem | null): QueueItem['top'] {
  return item && !item.heldOut ? item.top : [];
}

export function needsRefill(view: QueueView): boolean {
  return view.ahead.length < refillBelow;
}

/** The ids whose images (and rows) should be ready before they are needed. */
export function upcomingIds(view: QueueView, count: number): string[] {
  return view.ahead.slice(0, count).map((i) => i.sampleId);
}

function pushTrail(trail: readonly QueueItem[], item: QueueItem | null): QueueItem[] {
  if (!item) return [...trail];
  const next = [...trail.filter((i) => i.sampleId !== item.sampleId), item];
  return next.length > trailLimit ? next.slice(next.length - trailLimit) : next;
}

/** Seconds from the image being painted to the decision; 0 when it was never painted. */
export function secondsOnItem(shown: { sampleId: string; at: number } | null, sampleId: string, now: number): number {
  if (!shown || shown.sampleId !== sampleId) return 0;
  const seconds = Math.max(0, (now - shown.at) / 1000);
  return Math.min(86_400, Math.round(seconds * 1000) / 1000);
}

/**
 * An image brought back (history, gallery, undo) carries no version from the queue: the
 * version of its first row is the one it was loaded on. Later refreshes do not move it, so
 * a label someone gives meanwhile makes this one a conflict rather than a silent replacement.
 */
export function versionFirstSeen(view: QueueView, sampleId: string, version: number | undefined): Partial<QueueView> {
  if (version === undefined) return {};
  const stamp = (item: QueueItem): QueueItem => (item.sampleId === sampleId && item.version === undefined ? { ...item, version } : item);
  return { current: view.current && stamp(view.current), ahead: view.ahead.map(stamp), trail: view.trail.map(stamp) };
}
