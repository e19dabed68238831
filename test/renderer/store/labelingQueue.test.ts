import { describe, expect, it } from 'vitest';
import type { QueueItem } from '../../../shared/contract/queue';
import {
  advance,
  bringBack,
  emptyQueue,
  excludeLimit,
  goBack,
  goForward,
  heldIds,
  mergeFetched,
  needsRefill,
  refillBelow,
  secondsOnItem,
  trailLimit,
  upcomingIds,
  type QueueView,
} from '../../../renderer/src/store/labelingQueue';

const item = (id: string): QueueItem => ({ sampleId: id, reason: { strategy: 'import-order', score: null, note: '' }, heldOut: false, top: [] });
const ids = (items: QueueItem[]) => items.map((i) => i.sampleId);
const view = (current: string | null, ahead: string[], trail: string[] = []): QueueView => ({
  current: current ? item(current) : null,
  ahead: ahead.map(item),
  trail: trail.map(item),
});

describe('the labeling queue', () => {
  it('fills an empty screen from the first fetched item and keeps the rest ahead', () => {
    const q = mergeFetched(emptyQueue, [item('a'), item('b'), item('c')], []);
    expect(q.current?.sampleId).toBe('a');
    expect(ids(q.ahead)).toEqual(['b', 'c']);
  });

  it('never queues an item twice, nor one whose decision is still being saved', () => {
    const q = mergeFetched(view('a', ['b']), [item('a'), item('b'), item('x'), item('c'), item('c')], ['x']);
    expect(ids(q.ahead)).toEqual(['b', 'c']);
  });

  it('advancing puts the decided item on the trail and shows the next at once', () => {
    const q = advance(view('a', ['b', 'c']));
    expect(q.current?.sampleId).toBe('b');
    expect(ids(q.trail)).toEqual(['a']);
  });

  it('ArrowLeft brings the previous item back and keeps the current one next in line', () => {
    const q = goBack(view('c', ['d'], ['a', 'b']));
    expect(q.current?.sampleId).toBe('b');
    expect(ids(q.ahead)).toEqual(['c', 'd']);
    expect(ids(q.trail)).toEqual(['a']);
    expect(goForward(q).current?.sampleId).toBe('c');
  });

  it('arrows at either end change nothing', () => {
    const q = view('a', []);
    expect(goBack(q)).toBe(q);
    expect(goForward(q)).toBe(q);
  });

  it('an undone sample comes back on screen with its suggestion, and the displaced item waits in front', () => {
    const withTop: QueueItem = { ...item('a'), top: [{ classId: 'cat', probability: 0.9 }] };
    const q = bringBack({ current: item('c'), ahead: [item('d')], trail: [item('x'), withTop, item('b')] }, 'a');
    expect(q.current).toEqual(withTop);
    expect(ids(q.ahead)).toEqual(['c', 'd']);
    expect(ids(q.trail)).toEqual(['x', 'b']);
  });

  it('a sample opened from the gallery comes on screen even if the queue never had it', () => {
    const q = bringBack(view('c', ['d']), 'zz');
    expect(q.current?.sampleId).toBe('zz');
    expect(q.current?.reason.strategy).toBe('revisit');
    expect(bringBack(q, 'zz')).toBe(q);
  });

  it('keeps a bounded trail', () => {
    let q = view('s0', Array.from({ length: trailLimit + 10 }, (_, i) => `s${i + 1}`));
    for (let i = 0; i < trailLimit + 5; i++) q = advance(q);
    expect(q.trail).toHaveLength(trailLimit);
  });

  it('asks for more before it runs dry, excluding what it holds (within the contract bound)', () => {
    const ahead = (n: number) => Array.from({ length: n }, (_, i) => `n${i}`);
    expect(needsRefill(view('a', ahead(refillBelow - 1)))).toBe(true);
    expect(needsRefill(view('a', ahead(refillBelow)))).toBe(false);
    expect(heldIds(view('a', ['b']), ['z', 'a'])).toEqual(['a', 'b', 'z']);
    const many = Array.from({ length: 700 }, (_, i) => `u${i}`);
    expect(heldIds(view('a', []), many)).toHaveLength(excludeLimit);
    expect(upcomingIds(view('a', ['b', 'c', 'd']), 2)).toEqual(['b', 'c']);
  });
});

describe('time spent on an item', () => {
  it('counts from the paint of this very image to the key press', () => {
    expect(secondsOnItem({ sampleId: 'a', at: 1000 }, 'a', 3250)).toBe(2.25);
  });
  it('is 0 when the image was never painted (a key pressed before it appeared)', () => {
    expect(secondsOnItem(null, 'a', 5000)).toBe(0);
    expect(secondsOnItem({ sampleId: 'b', at: 1000 }, 'a', 5000)).toBe(0);
  });
});
