import { afterEach, describe, expect, it } from 'vitest';
import type { ExportReport } from '../../../shared/contract/export';
import type { ExportedFormat } from '../../../shared/ml/exportJob';
import { describeExport, exportFraction } from '../../../renderer/src/store/exportJob';
import { followStudioEvents } from '../../../renderer/src/store/studioEvents';
import { fakeStudio, settle } from './fakeStudio';

const disposers: (() => void)[] = [];
afterEach(() => disposers.splice(0).forEach((d) => d()));

const format: ExportedFormat = { path: 'model.onnx', scope: 'pipeline', inputShape: [-1, 8, 8, 3], inputType: 'uint8', headOnlyReason: null, bytes: 9000, sha256: 'a'.repeat(64) };
const report: ExportReport = {
  runId: 'run-1',
  outDir: '/p/exports/run-1',
  formats: { onnx: { ...format, irVersion: 8, opset: 13, droppedNodes: 0 }, tfjs: { ...format, path: 'tfjs/model.json', inputType: 'float32' } },
  verification: { images: 16, skipped: 0, onnxMaxDifference: 1e-7, tfjsMaxDifference: 2e-7 },
  limits: ['"cat" has 3 test labels (fewer than 10).'],
  files: [],
  durationMs: 1200,
};

function studioWithEvents() {
  const studio = fakeStudio([]);
  studio.handle('export:start', () => ({ ok: true, value: { jobId: 'export-1' } }));
  studio.handle('export:cancel', () => ({ ok: true, value: { cancelled: true } }));
  disposers.push(followStudioEvents(studio.store, 0));
  return studio;
}

describe('exporting a run from the Model tab', () => {
  it('Export sends only the run id (the project folder is the default), then follows the steps to the report', async () => {
    const studio = studioWithEvents();
    await studio.store.getState().startExport('run-1');
    expect(studio.callsTo('export:start')).toEqual([{ runId: 'run-1' }]);
    studio.emit('export:progress', { jobId: 'export-1', runId: 'run-1', step: 'verifying', done: 8, total: 16 });
    const job = studio.store.getState().exporter.job!;
    expect(job).toMatchObject({ stage: 'running', jobId: 'export-1' });
    expect(exportFraction(job)).toBeCloseTo((3 + 0.5) / 5);
    expect(describeExport(job)).toBe("Checking both models against the studio's own predictions on 16 images: 8 done.");

    studio.emit('export:finished', { jobId: 'export-1', report });
    await settle();
    expect(studio.store.getState().exporter.job).toMatchObject({ stage: 'finished', report: { outDir: '/p/exports/run-1' } });
    expect(studio.store.getState().toasts.at(-1)).toMatchObject({ level: 'success', message: 'Model exported.' });
  });

  it('a chosen folder is sent as typed; Cancel asks the studio and the failure shows its hint', async () => {
    const studio = studioWithEvents();
    await studio.store.getState().startExport('run-1', '/models/birds');
    expect(studio.callsTo('export:start')).toEqual([{ runId: 'run-1', outDir: '/models/birds' }]);
    await studio.store.getState().cancelExport();
    expect(studio.callsTo('export:cancel')).toEqual([{ jobId: 'export-1' }]);
    expect(describeExport(studio.store.getState().exporter.job!)).toMatch(/Cancelling/);
    studio.emit('export:failed', { jobId: 'export-1', runId: 'run-1', error: { code: 'cancelled', message: 'The export was cancelled.', hint: 'Nothing was written to the export folder.' } });
    expect(studio.store.getState().exporter.job).toMatchObject({ stage: 'failed', error: { hint: 'Nothing was written to the export folder.' } });
  });

  it("a second export while one runs is refused in the UI, and another window's export is not shown as ours", async () => {
    const studio = studioWithEvents();
    await studio.store.getState().startExport('run-1');
    await studio.store.getState().startExport('run-2');
    expect(studio.callsTo('export:start')).toHaveLength(1);
    expect(studio.store.getState().toasts.at(-1)).toMatchObject({ level: 'error', message: 'A model export is already running.' });
    studio.emit('export:finished', { jobId: 'export-theirs', report });
    expect(studio.store.getState().exporter.job).toMatchObject({ stage: 'running' });
  });

  it('an export refused at the start (a bad folder) shows the reason', async () => {
    const studio = studioWithEvents();
    studio.handle('export:start', () => ({ ok: false, error: { code: 'conflict', message: '/models/birds already exists and is not empty.', hint: 'Choose a new or empty folder for the export.' } }));
    await studio.store.getState().startExport('run-1', '/models/birds');
    expect(studio.store.getState().exporter.job).toMatchObject({ stage: 'failed', error: { code: 'conflict' } });
  });
});
