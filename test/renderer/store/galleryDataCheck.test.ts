import { describe, expect, it } from 'vitest';
import { galleryDataCheck, withDataCheck } from '../../../renderer/src/store/galleryDataCheck';
import { modelFilterView, withModelView } from '../../../renderer/src/store/galleryModelFilter';
import { showsPredictions } from '../../../renderer/src/store/gallerySlice';
import { fakeStudio, settle } from './fakeStudio';

const ids = Array.from({ length: 10 }, (_, i) => `s${i}`);

describe('the gallery on a data check', () => {
  it('lists the suspected label errors worst first, and a label changed there counts as chosen by the model', async () => {
    const studio = fakeStudio(ids);
    const { setGalleryFilter } = studio.store.getState();
    setGalleryFilter(withDataCheck(studio.store.getState().gallery.filter, 'suspected-label'));
    await settle();
    expect(studio.callsTo('samples:list').at(-1)).toMatchObject({ filter: { status: 'all', where: [{ kind: 'suspected-label' }] }, sort: { by: 'data-check', check: 'suspected-label' } });
    await studio.store.getState().labelFromGallery('s1', 'dog');
    expect(studio.callsTo('labels:set').at(-1)).toMatchObject({ sampleId: 's1', via: 'suspected-labels' });
    await studio.store.getState().flagFromGallery('s2');
    expect(studio.callsTo('labels:flag').at(-1)).toMatchObject({ sampleId: 's2', via: 'suspected-labels', comment: expect.stringMatching(/suspected label errors/) });
  });

  it('outliers, duplicates and a map selection are not picked by the model: labels there are plain gallery labels', async () => {
    const studio = fakeStudio(ids);
    for (const check of ['outlier', 'duplicate', 'map-selection'] as const) {
      studio.store.getState().setGalleryFilter(withDataCheck(studio.store.getState().gallery.filter, check));
      const filter = studio.store.getState().gallery.filter;
      expect(filter.where).toEqual([{ kind: check }]); // one data check at a time
      expect(showsPredictions(filter)).toBe(false);
      await studio.store.getState().labelFromGallery('s3', 'cat');
      expect(studio.callsTo('labels:set').at(-1)).toMatchObject({ via: 'gallery' });
    }
    studio.store.getState().setGalleryFilter(withDataCheck(studio.store.getState().gallery.filter, null));
    await settle();
    expect(studio.callsTo('samples:list').at(-1)).toMatchObject({ filter: { status: 'all' }, sort: { by: 'import' } });
    expect(studio.callsTo('samples:list').at(-1).filter.where).toBeUndefined();
  });

  it('the model controls keep the data check: a sort by confidence replaces its order, "import order" brings it back', () => {
    const studio = fakeStudio(ids);
    const state = () => studio.store.getState();
    state().setGalleryFilter(withDataCheck(state().gallery.filter, 'outlier'));
    expect(modelFilterView(state().gallery.filter)).toMatchObject({ runId: null, sort: 'import' });
    state().setGalleryFilter(withModelView(state().gallery.filter, { ...modelFilterView(state().gallery.filter), runId: 'run-1', sort: 'confidence-asc' }));
    expect(state().gallery.filter.where).toEqual([{ kind: 'prediction', runId: 'run-1' }, { kind: 'outlier' }]);
    expect(state().gallery.filter.sort).toEqual({ by: 'confidence', runId: 'run-1', order: 'asc' });
    expect(galleryDataCheck(state().gallery.filter)).toBe('outlier');
    // Another check keeps the model's sort and its prediction condition.
    state().setGalleryFilter(withDataCheck(state().gallery.filter, 'duplicate'));
    expect(state().gallery.filter.where).toEqual([{ kind: 'duplicate' }, { kind: 'prediction', runId: 'run-1' }]);
    expect(state().gallery.filter.sort.by).toBe('confidence');
    state().setGalleryFilter(withModelView(state().gallery.filter, { ...modelFilterView(state().gallery.filter), runId: null }));
    expect(state().gallery.filter).toMatchObject({ where: [{ kind: 'duplicate' }], sort: { by: 'data-check', check: 'duplicate' } });
  });
});
