import { describe, expect, it } from 'vitest';
import type { Decision } from '../../../shared/domain/records';
import type { ProjectSummary } from '../../../shared/contract/project';
import { fakeStudio, settle } from './fakeStudio';

const ids = Array.from({ length: 30 }, (_, i) => `s${i}`);
const versioned = (open: string[]) => open.map((sampleId, i) => ({ sampleId, reason: { strategy: 'import-order', score: null, note: '' }, heldOut: false, top: [], version: 100 + i }));

function memory(initial: string | null) {
  let saved = initial;
  return { load: () => saved, save: (name: string) => void (saved = name), saved: () => saved };
}

function browserTab(name: string | null) {
  const remembered = memory(name);
  const studio = fakeStudio(ids, { annotatorMemory: remembered, queue: versioned });
  const project = studio.store.getState().project as ProjectSummary;
  studio.store.setState({ project: null, annotator: '' });
  studio.handle('app:info', () => ({ ok: true, value: { version: '1', mode: 'browser', platform: 'linux', annotator: 'root', firstRun: false, defaultDemoDir: '/d', nativeDialogs: false } }));
  studio.handle('project:current', () => ({ ok: true, value: project }));
  studio.handle('project:recent', () => ({ ok: true, value: [] }));
  studio.handle('classes:list', () => ({ ok: true, value: [] }));
  studio.handle('loop:status', () => ({ ok: false, error: { code: 'unsupported', message: 'not faked' } }));
  return { studio, remembered };
}

describe('who is labeling', () => {
  it("a browser's first visit asks for a name instead of labeling as the studio's OS user, and starts once it is given", async () => {
    const { studio, remembered } = browserTab(null);
    await studio.store.getState().boot();
    await settle();
    expect(studio.store.getState()).toMatchObject({ needsName: true, annotator: '', project: null });
    expect(studio.callsTo('queue:next')).toHaveLength(0);
    expect(await studio.store.getState().setAnnotator('  ')).toMatchObject({ message: 'Type a name, so every label says who made it.' });
    expect(await studio.store.getState().setAnnotator('alice')).toBeNull();
    await settle();
    expect(remembered.saved()).toBe('alice');
    expect(studio.store.getState()).toMatchObject({ needsName: false, annotator: 'alice', project: { id: 'p1' } });
    expect(studio.callsTo('queue:next')[0]).toMatchObject({ annotator: 'alice' });
    studio.store.getState().labelCurrent('cat');
    await settle();
    expect(studio.callsTo('labels:set')[0]).toMatchObject({ annotator: 'alice' });
  });

  it('the same browser later is remembered by name and goes straight in', async () => {
    const { studio } = browserTab('bob');
    await studio.store.getState().boot();
    await settle();
    expect(studio.store.getState()).toMatchObject({ needsName: false, annotator: 'bob', project: { id: 'p1' } });
  });

  it('changing the name hands the images back under the old name and refills under the new one', async () => {
    const { studio } = browserTab('bob');
    await studio.store.getState().boot();
    await settle();
    await studio.store.getState().setAnnotator('robert');
    await settle();
    expect(studio.callsTo('queue:release')[0]).toMatchObject({ annotator: 'bob' });
    expect(studio.callsTo('queue:next').at(-1)).toMatchObject({ annotator: 'robert' });
  });
});

describe('labeling beside others, in the store', () => {
  it('a label carries the version of the image it was made on', async () => {
    const studio = fakeStudio(ids, { queue: versioned });
    await studio.store.getState().startLabeling();
    studio.store.getState().labelCurrent('cat');
    await settle();
    expect(studio.callsTo('labels:set')[0]).toMatchObject({ sampleId: 's0', basedOn: 100 });
  });

  it('an image opened from the gallery keeps the version it was first loaded with: a label someone gives meanwhile makes this one a conflict', async () => {
    const studio = fakeStudio(ids, { queue: versioned });
    let version = 3;
    studio.handle('samples:get', ({ id }) => ({ ok: true, value: { sample: { id, fileName: `${id}.png`, relativePath: `${id}.png`, path: `/${id}.png`, split: 'train', width: 4, height: 4, importedLabel: null, label: { classId: null, skipped: false, flag: null, annotator: null, at: null }, version }, history: [] } }));
    await studio.store.getState().startLabeling();
    studio.store.getState().openSample('s25');
    await settle();
    version = 8; // someone labeled it; the row on screen is refreshed
    await studio.store.getState().refreshCurrentRow();
    await settle();
    expect(studio.store.getState().labeling.rows.s25.version).toBe(8);
    studio.store.getState().labelCurrent('dog');
    await settle();
    expect(studio.callsTo('labels:set').at(-1)).toMatchObject({ sampleId: 's25', basedOn: 3 });
  });

  it('a conflict is shown as saved, with whose answer stands and that a reviewer decides, never as a failed save', async () => {
    const studio = fakeStudio(ids, { queue: versioned });
    studio.handle('labels:set', (r) => {
      const decision: Decision = {
        seq: 9,
        kind: 'label',
        sampleId: r.sampleId,
        annotator: r.annotator,
        at: new Date(0).toISOString(),
        seconds: 0,
        before: { classId: 'dog', skipped: false, flag: null, annotator: 'alice', at: null },
        after: { classId: 'dog', skipped: false, flag: null, annotator: 'alice', at: null, needsReview: 'conflict' },
        answer: r.classId,
        conflict: { seq: 4, annotator: 'alice', classId: 'dog' },
        basedOn: r.basedOn,
      };
      return { ok: true, value: decision };
    });
    await studio.store.getState().startLabeling();
    studio.store.getState().labelCurrent('cat');
    await settle();
    const [row] = studio.store.getState().labeling.decisions;
    expect(row).toMatchObject({ save: 'saved', classId: 'cat', conflict: { annotator: 'alice', classId: 'dog' } });
    const toast = studio.store.getState().toasts.at(-1)!;
    expect(toast).toMatchObject({ level: 'info', message: 'Conflict: alice labeled this image Dog before you. Both answers are kept; a reviewer decides.' });
  });

  it('an undo the studio refuses says who changed the image since, and the next undo goes to the decision before', async () => {
    const studio = fakeStudio(ids, { queue: versioned });
    await studio.store.getState().startLabeling();
    studio.store.getState().labelCurrent('cat'); // s0, seq 1
    studio.store.getState().labelCurrent('dog'); // s1, seq 2
    await settle();
    studio.handle('labels:undo', (r) => ({
      ok: true,
      value: r.seq === 2 ? { undo: null, changedSince: { seq: 2, sampleId: 's1', by: 'bob', kind: 'label', at: '', message: 'bob relabeled this image since your decision, so it was not undone.' } } : { undo: null, changedSince: null },
    }));
    await studio.store.getState().undoLast();
    expect(studio.store.getState().labeling.decisions[0]).toMatchObject({ sampleId: 's1', save: 'saved', changedBy: 'bob' });
    expect(studio.store.getState().toasts.at(-1)?.message).toBe('bob relabeled this image since your decision, so it was not undone.');
    expect(studio.store.getState().labeling.current?.sampleId).toBe('s2'); // nothing moved
    await studio.store.getState().undoLast();
    expect(studio.callsTo('labels:undo').map((r) => r.seq)).toEqual([2, 1]);
  });

  it('renewing leases drops images someone else now holds from the queue ahead; a rescore gives dropped images back', async () => {
    const studio = fakeStudio(ids, { queue: versioned });
    await studio.store.getState().startLabeling();
    await settle();
    studio.handle('queue:hold', () => ({ ok: true, value: { held: [], takenBy: [{ sampleId: 's2', annotator: 'bob' }] } }));
    await studio.store.getState().holdLeases();
    expect(studio.store.getState().labeling.ahead.map((i) => i.sampleId)).not.toContain('s2');
    expect(studio.callsTo('queue:hold')[0].sampleIds).toEqual(expect.arrayContaining(['s0', 's1', 's2']));

    studio.handle('queue:next', () => ({ ok: true, value: versioned(['s20', 's21']) }));
    studio.handle('queue:release', () => ({ ok: true, value: {} }));
    await studio.store.getState().rescoreQueue();
    expect(studio.callsTo('queue:release').at(-1)?.sampleIds).toEqual(expect.arrayContaining(['s1', 's3']));
    expect(studio.callsTo('queue:release').at(-1)?.sampleIds).not.toContain('s0'); // on screen
  });
});
