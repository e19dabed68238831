import { afterEach, describe, expect, it } from 'vitest';
import type { BatchReport, BatchSummary } from '../../../shared/contract/batches';
import { followStudioEvents } from '../../../renderer/src/store/studioEvents';
import { fakeStudio, settle } from './fakeStudio';

const disposers: (() => void)[] = [];
afterEach(() => disposers.splice(0).forEach((d) => d()));

const summary: BatchSummary = { id: 'batch-march', name: 'March', createdAt: '', sources: ['/new'], count: 80, moved: 0, audited: 0 };
const share = (count: number, n: number) => ({ count, share: count / n });
const report = (over: Partial<BatchReport> = {}): BatchReport => ({
  batch: summary,
  runId: 'run-1',
  scored: 80,
  unreadable: 0,
  reference: { n: 200, description: 'project images' },
  classes: [{ classId: 'cat', name: 'Cat', batch: share(70, 80), reference: share(100, 200), psi: 0.3 }],
  confidence: { bins: [], psi: 0.05, level: 'none' },
  classPsi: 0.5,
  classLevel: 'major',
  verdict: 'Major shift.',
  thresholds: { moderate: 0.1, major: 0.25, minImages: 50 },
  leastConfident: [],
  audit: null,
  ...over,
});

function studioWithEvents() {
  const studio = fakeStudio([]);
  studio.handle('batches:list', () => ({ ok: true, value: [summary] }));
  studio.handle('batches:import', () => ({ ok: true, value: { jobId: 'bi-1' } }));
  studio.handle('batches:report', () => ({ ok: true, value: report() }));
  studio.handle('batches:queue-least-confident', () => ({ ok: true, value: { moved: 20, queued: 19, heldOut: 1, note: 'Sent the 20 least confident images of "March" to the front of the queue.' } }));
  disposers.push(followStudioEvents(studio.store, 0));
  return studio;
}

describe('new-data batches in the Model tab', () => {
  it('an import names the batch, follows its progress, and lists it when done', async () => {
    const studio = studioWithEvents();
    await studio.store.getState().startBatchImport('March', ['/new']);
    expect(studio.callsTo('batches:import')).toEqual([{ name: 'March', sources: ['/new'] }]);
    studio.emit('batches:import-progress', { jobId: 'bi-1', phase: 'importing', done: 40, total: 80, imported: 40, duplicates: 0, rejected: 0 });
    expect(studio.store.getState().batches.importing?.progress?.done).toBe(40);
    studio.emit('batches:import-finished', { jobId: 'bi-1', batch: { ...summary }, report: { imported: 80, duplicates: [], rejected: [], labeled: 0, newClasses: [], unmatchedCsvRows: 0, cancelled: false, splits: { groups: 0, groupedImages: 0, joinedEarlier: 0, bridges: [], resplit: [] } } });
    await settle();
    expect(studio.store.getState().batches.list).toEqual([summary]);
    expect(studio.store.getState().toasts.at(-1)?.message).toBe('Batch "March": 80 images held apart from training.');
  });

  it('the report follows the prediction progress, then the picks refresh it and say what they did', async () => {
    const studio = studioWithEvents();
    const opening = studio.store.getState().openBatchReport('batch-march');
    expect(studio.store.getState().batches.report).toMatchObject({ status: 'loading', runId: null });
    studio.emit('batches:predict-progress', { batchId: 'batch-march', runId: 'run-1', phase: 'embedding', done: 10, total: 80 });
    expect(studio.store.getState().batches.report?.progress).toMatchObject({ done: 10, total: 80 });
    await opening;
    expect(studio.store.getState().batches.report).toMatchObject({ status: 'ready', runId: 'run-1', value: { verdict: 'Major shift.' } });

    await studio.store.getState().queueLeastConfident(20);
    expect(studio.callsTo('batches:queue-least-confident')).toEqual([{ batchId: 'batch-march', runId: 'run-1', n: 20 }]);
    expect(studio.store.getState().batches.lastPick).toMatchObject({ moved: 20, queued: 19 });
    expect(studio.callsTo('batches:report')).toHaveLength(2);
  });

  it('a report that cannot be made shows the reason and its hint', async () => {
    const studio = studioWithEvents();
    studio.handle('batches:report', () => ({ ok: false, error: { code: 'not-found', message: 'This project has no trained model yet.', hint: 'Train a model first.' } }));
    await studio.store.getState().openBatchReport('batch-march');
    expect(studio.store.getState().batches.report).toMatchObject({ status: 'failed', error: { hint: 'Train a model first.' } });
  });
});
