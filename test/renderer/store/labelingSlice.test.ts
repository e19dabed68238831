import { describe, expect, it } from 'vitest';
import { fakeStudio, settle } from './fakeStudio';

const ids = Array.from({ length: 30 }, (_, i) => `s${i}`);
const current = (s: ReturnType<typeof fakeStudio>) => s.store.getState().labeling.current?.sampleId;

describe('labeling flow in the store', () => {
  it('shows the first image with the next ones already fetched', async () => {
    const studio = fakeStudio(ids);
    await studio.store.getState().startLabeling();
    await settle();
    const l = studio.store.getState().labeling;
    expect(l.current?.sampleId).toBe('s0');
    expect(l.ahead.length).toBeGreaterThanOrEqual(5);
    expect(l.queueStatus).toBe('ready');
    expect(l.rows.s1?.fileName).toBe('s1.png'); // rows of upcoming items are ready too
  });

  it('advances at once, shows the label as pending, and as saved only when the studio answers', async () => {
    const studio = fakeStudio(ids);
    await studio.store.getState().startLabeling();
    studio.holdSaves(true);
    studio.store.getState().labelCurrent('cat');
    expect(current(studio)).toBe('s1');
    expect(studio.store.getState().labeling.decisions[0]).toMatchObject({ sampleId: 's0', save: 'pending' });
    studio.releaseSaves();
    await settle();
    expect(studio.store.getState().labeling.decisions[0]).toMatchObject({ sampleId: 's0', save: 'saved', seq: 1 });
  });

  it('sends the seconds from the image being painted to the key press, and who labeled', async () => {
    const studio = fakeStudio(ids);
    await studio.store.getState().startLabeling();
    studio.setClock(10_000);
    studio.store.getState().markShown('s0');
    studio.setClock(13_500);
    studio.store.getState().labelCurrent('dog');
    await settle();
    expect(studio.callsTo('labels:set')[0]).toMatchObject({ sampleId: 's0', classId: 'dog', seconds: 3.5, annotator: 'ada' });
  });

  it('a failed save shows the error and loses nothing: retry sends the same label again', async () => {
    const studio = fakeStudio(ids);
    await studio.store.getState().startLabeling();
    studio.failNextSave('The disk is full');
    studio.store.getState().labelCurrent('cat');
    await settle();
    const failed = studio.store.getState().labeling.decisions[0];
    expect(failed).toMatchObject({ save: 'failed', error: { message: 'The disk is full' } });
    expect(studio.store.getState().toasts.at(-1)?.message).toMatch(/The disk is full/);
    studio.store.getState().retryDecision(failed.key);
    await settle();
    expect(studio.store.getState().labeling.decisions[0].save).toBe('saved');
    expect(studio.callsTo('labels:set')).toHaveLength(2);
    expect(studio.callsTo('labels:set')[1]).toEqual(studio.callsTo('labels:set')[0]);
  });

  it('undo waits for the save in flight, reverts it and brings that image back on screen', async () => {
    const studio = fakeStudio(ids);
    await studio.store.getState().startLabeling();
    studio.store.getState().labelCurrent('cat'); // s0
    studio.holdSaves(true);
    studio.store.getState().labelCurrent('dog'); // s1, held
    expect(current(studio)).toBe('s2');
    const undone = studio.store.getState().undoLast();
    await settle();
    expect(studio.callsTo('labels:undo')).toHaveLength(0); // still waiting for s1 to land
    studio.releaseSaves();
    await undone;
    expect(current(studio)).toBe('s1');
    expect(studio.store.getState().labeling.ahead[0].sampleId).toBe('s2');
    expect(studio.states.get('s1')?.classId).toBeNull();
    const [newest, older] = studio.store.getState().labeling.decisions;
    expect([newest.sampleId, newest.save, older.sampleId, older.save]).toEqual(['s1', 'undone', 's0', 'saved']);
  });

  it('undo of a label that never saved discards it locally instead of undoing an older one', async () => {
    const studio = fakeStudio(ids);
    await studio.store.getState().startLabeling();
    studio.store.getState().labelCurrent('cat'); // s0 saved
    await settle();
    studio.failNextSave('offline');
    studio.store.getState().labelCurrent('dog'); // s1 fails
    await settle();
    await studio.store.getState().undoLast();
    expect(studio.callsTo('labels:undo')).toHaveLength(0);
    expect(current(studio)).toBe('s1');
    expect(studio.states.get('s0')?.classId).toBe('cat');
  });

  it('the queue never offers again an image whose label is still being saved', async () => {
    const studio = fakeStudio(ids.slice(0, 6));
    await studio.store.getState().startLabeling();
    studio.holdSaves(true);
    studio.store.getState().labelCurrent('cat');
    await settle();
    const lastRefill = studio.callsTo('queue:next').at(-1);
    expect(lastRefill.exclude).toContain('s0');
    expect(studio.store.getState().labeling.ahead.map((i) => i.sampleId)).not.toContain('s0');
  });

  it('says the queue is empty once every image is labeled', async () => {
    const studio = fakeStudio(['a', 'b']);
    await studio.store.getState().startLabeling();
    studio.store.getState().labelCurrent('cat');
    studio.store.getState().skipCurrent();
    await settle();
    await settle();
    const l = studio.store.getState().labeling;
    // b was skipped, so the studio offers it again at the end; label it to finish.
    expect(l.current?.sampleId).toBe('b');
    studio.store.getState().labelCurrent('dog');
    await settle();
    await settle();
    expect(studio.store.getState().labeling).toMatchObject({ current: null, queueStatus: 'empty' });
  });

  it('the flag prompt records the comment and moves on', async () => {
    const studio = fakeStudio(ids);
    await studio.store.getState().startLabeling();
    studio.store.getState().openFlagPrompt();
    expect(studio.store.getState().labeling.overlay).toBe('flag');
    studio.store.getState().flagCurrent('  blurry, maybe a fox ');
    await settle();
    expect(studio.callsTo('labels:flag')[0]).toMatchObject({ sampleId: 's0', flagged: true, comment: 'blurry, maybe a fox' });
    expect(studio.store.getState().labeling).toMatchObject({ overlay: 'none' });
    expect(current(studio)).toBe('s1');
  });
});
