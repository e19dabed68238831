import { describe, expect, it } from 'vitest';
import { rowAt } from '../../../renderer/src/store/galleryPages';
import { fakeStudio, settle } from './fakeStudio';

const ids = Array.from({ length: 100_000 }, (_, i) => `s${i}`);

describe('gallery paging in the store', () => {
  it('at 100,000 images fetches only the pages on screen, never every row', async () => {
    const studio = fakeStudio(ids);
    studio.store.setState({ view: 'gallery' });
    studio.store.getState().showGalleryRange(0, 48);
    await settle();
    expect(studio.store.getState().gallery.total).toBe(100_000);
    studio.store.getState().showGalleryRange(50_010, 50_250);
    await settle();
    const asked = studio.callsTo('samples:list');
    expect(asked.map((r) => r.offset)).toEqual([0, 50_000, 50_200]);
    expect(asked.every((r) => r.limit === 200)).toBe(true);
    expect(rowAt(studio.store.getState().gallery.pages, 50_100)?.id).toBe('s50100');
  });

  it('scrolling back to a page it holds asks for nothing', async () => {
    const studio = fakeStudio(ids);
    studio.store.getState().showGalleryRange(0, 48);
    await settle();
    studio.store.getState().showGalleryRange(400, 448);
    await settle();
    studio.store.getState().showGalleryRange(10, 58);
    await settle();
    expect(studio.callsTo('samples:list')).toHaveLength(2);
  });

  it('a change refreshes the visible page but keeps showing the old rows until it arrives', async () => {
    const studio = fakeStudio(ids.slice(0, 10));
    studio.store.setState({ view: 'gallery' });
    studio.store.getState().setGalleryFilter({ status: 'unlabeled' });
    await settle();
    expect(studio.store.getState().gallery.total).toBe(10);
    studio.states.set('s3', { classId: 'cat', skipped: false, flag: null, annotator: 'ada', at: '' });
    studio.store.getState().invalidateGallery();
    expect(rowAt(studio.store.getState().gallery.pages, 3)?.id).toBe('s3'); // still shown meanwhile
    await settle();
    expect(studio.store.getState().gallery.total).toBe(9);
    expect(rowAt(studio.store.getState().gallery.pages, 3)?.id).toBe('s4');
  });

  it('a new filter starts from an empty list and drops answers meant for the old one', async () => {
    const studio = fakeStudio(ids.slice(0, 10));
    studio.store.getState().showGalleryRange(0, 10);
    studio.store.getState().setGalleryFilter({ status: 'flagged' });
    expect(studio.store.getState().gallery).toMatchObject({ total: null, pages: {} });
    await settle();
    expect(studio.callsTo('samples:list').at(-1).filter).toEqual({ status: 'flagged' });
  });

  it('a confusion-matrix cell opens the gallery on those test images, and clearing it keeps the other filters', async () => {
    const studio = fakeStudio(ids.slice(0, 10));
    studio.store.getState().openConfusionCell('cat', { runId: 'run-1', round: 2, classId: 'dog' });
    expect(studio.store.getState().view).toBe('gallery');
    await settle();
    expect(studio.callsTo('samples:list').at(-1).filter).toEqual({ status: 'labeled', classId: 'cat', split: 'test', where: [{ kind: 'prediction', runId: 'run-1', classId: 'dog' }] });
    expect(studio.store.getState().gallery.filter.origin).toEqual({ view: 'drill-down', title: 'predicted Dog in round 2' });
    studio.store.getState().clearGalleryOrigin();
    await settle();
    expect(studio.callsTo('samples:list').at(-1).filter).toEqual({ status: 'labeled', classId: 'cat', split: 'test' });
    expect(studio.store.getState().gallery.filter.origin).toBeNull();
  });

  it('a test label changed from the drill-down is marked as chosen there; the plain gallery and a gallery by confidence say so too', async () => {
    const studio = fakeStudio(ids.slice(0, 10));
    studio.store.getState().openConfusionCell('cat', { runId: 'run-1', round: 2, classId: 'dog' });
    await studio.store.getState().labelFromGallery('s1', 'dog');
    expect(studio.callsTo('labels:set').at(-1)).toMatchObject({ sampleId: 's1', classId: 'dog', via: 'drill-down' });

    studio.store.getState().clearGalleryOrigin();
    await studio.store.getState().labelFromGallery('s2', 'dog');
    expect(studio.callsTo('labels:set').at(-1)).toMatchObject({ sampleId: 's2', via: 'gallery' });

    studio.store.getState().setGalleryFilter({ sort: { by: 'confidence', runId: 'run-1', order: 'asc' } });
    await settle();
    expect(studio.callsTo('samples:list').at(-1).sort).toEqual({ by: 'confidence', runId: 'run-1', order: 'asc' });
    await studio.store.getState().labelFromGallery('s3', 'cat');
    expect(studio.callsTo('labels:set').at(-1)).toMatchObject({ sampleId: 's3', via: 'prediction-sort' });
  });

  it('the drill-down sends an image to review (a flag saying where from) instead of relabeling it, or all of them at once', async () => {
    const studio = fakeStudio(ids.slice(0, 4));
    studio.store.getState().openConfusionCell('cat', { runId: 'run-1', round: 2, classId: 'dog' });
    await settle();
    await studio.store.getState().flagFromGallery('s0');
    expect(studio.callsTo('labels:flag').at(-1)).toMatchObject({ sampleId: 's0', flagged: true, via: 'drill-down', comment: expect.stringMatching(/predicted Dog in round 2/) });
    expect(studio.callsTo('labels:set')).toHaveLength(0);

    await studio.store.getState().flagAllForReview();
    // s0 is flagged already: the other three get a flag each.
    expect(studio.callsTo('labels:flag').map((r) => r.sampleId)).toEqual(['s0', 's1', 's2', 's3']);
    expect(studio.store.getState().gallery.reviewing).toBeNull();
    expect(studio.store.getState().toasts.at(-1)?.message).toBe('3 images sent to review.');
  });

  it('a class key on a tile labels it where it stands: the tile shows the class only once the studio has saved it', async () => {
    const studio = fakeStudio(ids.slice(0, 10));
    studio.store.getState().showGalleryRange(0, 10);
    await settle();
    studio.holdSaves(true);
    const saving = studio.store.getState().labelFromGallery('s4', 'dog');
    await settle();
    expect(rowAt(studio.store.getState().gallery.pages, 4)?.label.classId).toBeNull(); // not on disk yet
    studio.releaseSaves();
    await saving;
    expect(rowAt(studio.store.getState().gallery.pages, 4)?.label.classId).toBe('dog');
    expect(studio.callsTo('labels:set').at(-1)).toMatchObject({ sampleId: 's4', classId: 'dog' });

    studio.holdSaves(false);
    studio.failNextSave('The disk is full.');
    await studio.store.getState().labelFromGallery('s5', 'cat');
    expect(rowAt(studio.store.getState().gallery.pages, 5)?.label.classId).toBeNull();
    expect(studio.store.getState().toasts.at(-1)?.message).toMatch(/The disk is full/);
  });
});
