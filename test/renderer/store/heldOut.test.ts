import { describe, expect, it } from 'vitest';
import type { QueueItem } from '../../../shared/contract/queue';
import { labelingContext } from '../../../renderer/src/hooks/useLabelingKeyboard';
import { resolveCommand } from '../../../renderer/src/keyboard/commands';
import { labelingCommands } from '../../../renderer/src/keyboard/labelingCommands';
import { followStudioEvents } from '../../../renderer/src/store/studioEvents';
import { fakeStudio, settle } from './fakeStudio';

const ids = Array.from({ length: 12 }, (_, i) => `s${i}`);
const top = [
  { classId: 'dog', probability: 0.7 },
  { classId: 'cat', probability: 0.3 },
];
/** Every third image is a held-out test image; the rest carry the model's suggestion. */
const queue = (open: string[]): QueueItem[] =>
  open.map((sampleId, i) => ({
    sampleId,
    heldOut: Number(sampleId.slice(1)) % 3 === 0,
    reason: { strategy: 'margin', score: 0.1 * i, note: `margin ${(0.1 * i).toFixed(2)} between Dog and Cat` },
    top,
  }));

const space = (studio: ReturnType<typeof fakeStudio>) => {
  const ctx = labelingContext(studio.store.getState(), { current: null });
  const command = resolveCommand(labelingCommands(studio.store.getState().classes), { key: ' ' }, ctx);
  command?.perform(ctx);
  return command?.name ?? null;
};

describe('held-out images in the labeling view', () => {
  it('a held-out image gets no suggestion and Space does nothing', async () => {
    const studio = fakeStudio(ids, { queue });
    await studio.store.getState().startLabeling();
    expect(studio.store.getState().labeling.current).toMatchObject({ sampleId: 's0', heldOut: true });
    expect(labelingContext(studio.store.getState(), { current: null }).hasSuggestion).toBe(false);
    expect(space(studio)).toBeNull();
    studio.store.getState().acceptSuggestion(); // the button path is inert too
    await settle();
    expect(studio.callsTo('labels:set')).toEqual([]);
    expect(studio.store.getState().labeling.current?.sampleId).toBe('s0');
  });

  it('any other image shows the suggestion and Space accepts it', async () => {
    const studio = fakeStudio(ids, { queue });
    await studio.store.getState().startLabeling();
    studio.store.getState().labelCurrent('cat'); // s0, held out, labeled by hand
    expect(studio.store.getState().labeling.current?.sampleId).toBe('s1');
    expect(space(studio)).toBe('accept-suggestion');
    await settle();
    expect(studio.callsTo('labels:set').map((r) => [r.sampleId, r.classId])).toEqual([
      ['s0', 'cat'],
      ['s1', 'dog'],
    ]);
  });
});

describe('a retrained model rescoring the queue', () => {
  it('refetches the items ahead in the new order and never moves the image on screen', async () => {
    let order = (open: string[]) => queue(open);
    const studio = fakeStudio(ids, { queue: (open) => order(open) });
    const dispose = followStudioEvents(studio.store, 0);
    await studio.store.getState().startLabeling();
    studio.store.getState().goForward(); // s1 on screen, s0 on the trail
    const before = studio.store.getState().labeling;
    expect(before.current?.sampleId).toBe('s1');

    order = (open) => queue([...open].reverse()); // the new model wants the last images first
    studio.emit('project:changed', { what: ['queue'] });
    await new Promise((r) => setTimeout(r, 5));
    await settle();
    const after = studio.store.getState().labeling;
    expect(after.current).toBe(before.current);
    expect(after.trail).toEqual(before.trail);
    expect(after.ahead[0].sampleId).toBe('s11');
    expect(after.ahead.some((i) => i.sampleId === 's1')).toBe(false);
    expect(studio.callsTo('queue:next').at(-1)?.exclude).toEqual(['s1']);
    dispose();
  });
});
