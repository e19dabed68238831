import { describe, expect, it } from 'vitest';
import { selectCurrentRow, selectDecisions, selectHasItem, selectUpcomingIds } from '../../../renderer/src/store/selectors';
import { loopStatus } from './fakeLoop';
import { fakeStudio, settle } from './fakeStudio';

const ids = Array.from({ length: 30 }, (_, i) => `s${i}`);

/** Starts labeling with the first images and their rows in place, as the annotator sees them. */
async function started(options: { framesByHand?: boolean } = {}) {
  const studio = fakeStudio(ids, options);
  await studio.store.getState().startLabeling();
  await settle();
  studio.paint();
  await settle();
  return studio;
}

function countUpdates(studio: ReturnType<typeof fakeStudio>): { count: () => number; stop: () => void } {
  let updates = 0;
  const stop = studio.store.subscribe(() => (updates += 1));
  return { count: () => updates, stop };
}

describe('what one keypress costs the page', () => {
  it('a class key is one store update: the decision, the next image and its row together', async () => {
    const studio = await started();
    const updates = countUpdates(studio);
    studio.store.getState().labelCurrent('cat');
    updates.stop();
    expect(updates.count()).toBe(1);
    const state = studio.store.getState();
    expect(state.labeling.current?.sampleId).toBe('s1');
    expect(selectCurrentRow(state)?.width).toBe(64); // its size was fetched ahead: placed at once
    expect(selectDecisions(state)[0]).toMatchObject({ sampleId: 's0', save: 'pending' });
  });

  it('rows and queue items further ahead are asked for only after the new image is painted', async () => {
    const studio = await started({ framesByHand: true });
    const before = studio.calls.length;
    for (let i = 0; i < 6; i++) studio.store.getState().labelCurrent('cat');
    await settle();
    const asked = studio.calls.slice(before).map((c) => c.channel);
    expect(asked.filter((c) => c === 'labels:set')).toHaveLength(6); // the labels go out at once
    expect(asked).not.toContain('queue:next');
    studio.paint();
    await settle();
    expect(studio.callsTo('queue:next').at(-1)?.exclude).toContain('s6');
    expect(studio.store.getState().labeling.rows[selectUpcomingIds(studio.store.getState())[0]]).toBeDefined();
  });

  it('when nothing is left on screen, the next images are asked for at once', async () => {
    const studio = fakeStudio(['a', 'b'], { framesByHand: true });
    await studio.store.getState().startLabeling();
    await settle();
    const before = studio.callsTo('queue:next').length;
    studio.store.getState().labelCurrent('cat');
    studio.store.getState().labelCurrent('dog');
    expect(selectHasItem(studio.store.getState())).toBe(false);
    expect(studio.store.getState().labeling.queueStatus).toBe('loading');
    await settle();
    expect(studio.callsTo('queue:next').length).toBeGreaterThan(before); // no frame needed
  });

  it('marking the image as painted and refreshing an unchanged row re-render nothing the view shows', async () => {
    const studio = await started();
    const state = studio.store.getState();
    studio.store.getState().markShown('s0');
    const updates = countUpdates(studio);
    await studio.store.getState().refreshCurrentRow();
    await settle();
    updates.stop();
    expect(updates.count()).toBe(0);
    const after = studio.store.getState();
    expect(selectCurrentRow(after)).toBe(selectCurrentRow(state));
    expect(selectDecisions(after)).toBe(selectDecisions(state));
    expect(selectUpcomingIds(after)).toEqual(selectUpcomingIds(state));
  });

  it('the same counts and loop status again leave the store as it was', async () => {
    const studio = await started();
    await studio.store.getState().refreshStatus();
    const status = studio.store.getState().status;
    const updates = countUpdates(studio);
    await studio.store.getState().refreshStatus();
    updates.stop();
    expect(updates.count()).toBe(0);
    expect(studio.store.getState().status).toBe(status);
    studio.store.getState().onLoopStatus(loopStatus({ labelsSinceRun: 3 }));
    const loop = studio.store.getState().loop;
    const again = countUpdates(studio);
    studio.store.getState().onLoopStatus(loopStatus({ labelsSinceRun: 3 }));
    again.stop();
    expect(again.count()).toBe(0);
    expect(studio.store.getState().loop).toBe(loop);
  });
});
