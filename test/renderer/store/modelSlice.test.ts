import { afterEach, describe, expect, it } from 'vitest';
import { followStudioEvents } from '../../../renderer/src/store/studioEvents';
import { settle } from './fakeStudio';
import { epochs, fakeLoopStudio, mobilenetListing } from './fakeLoop';

const disposers: (() => void)[] = [];
afterEach(() => disposers.splice(0).forEach((d) => d()));

function studioWithEvents() {
  const studio = fakeLoopStudio();
  disposers.push(followStudioEvents(studio.store, 0));
  return studio;
}

describe('training from the Model tab', () => {
  it('Train now sends the loop’s backbone and head with the chosen epochs, and the chart follows the epochs', async () => {
    const studio = studioWithEvents();
    await studio.store.getState().loadLoop();
    studio.store.getState().setTrainingChoices({ epochs: 12, fineTune: true });
    await studio.store.getState().startTraining();
    // Fine-tuning was asked for but is not available on wasm: it is not requested.
    expect(studio.callsTo('training:start')).toEqual([{ backboneId: 'pixels', head: { kind: 'linear', epochs: 12 } }]);
    expect(studio.store.getState().model.training).toMatchObject({ runId: 'run-1', stage: 'running' });

    studio.emit('training:progress', { phase: 'embedding', runId: 'run-1', done: 2, total: 3 });
    for (const e of epochs(2)) studio.emit('training:progress', { phase: 'training', runId: 'run-1', epoch: e, epochs: 12 });
    const job = studio.store.getState().model.training!;
    expect(job.history.map((e) => e.epoch)).toEqual([1, 2]);
    expect(job.progress).toMatchObject({ phase: 'training', epochs: 12 });

    const run = studio.finishRun({ history: epochs(4) });
    await settle();
    const after = studio.store.getState().model;
    expect(after.training).toMatchObject({ stage: 'finished', run: { id: run.id } });
    expect(after.runs?.[0].id).toBe('run-1');
    expect(studio.store.getState().toasts.at(-1)).toMatchObject({ level: 'success', message: 'Trained in 4.0 s: val accuracy 75% (n = 4: too few val labels (fewer than 30), read as rough).' });
  });

  it('a run that fails shows its message and hint', async () => {
    const studio = studioWithEvents();
    await studio.store.getState().startTraining();
    studio.finishRun({ status: 'failed', error: { code: 'io', message: 'The worker ran out of memory.', hint: 'Use a smaller batch.' }, metrics: null });
    expect(studio.store.getState().toasts.at(-1)).toMatchObject({ level: 'error', message: 'The run failed: The worker ran out of memory.', hint: 'Use a smaller batch.' });
  });

  it('a second Train now while one runs says so instead of starting another', async () => {
    const studio = studioWithEvents();
    await studio.store.getState().startTraining();
    await studio.store.getState().startTraining();
    expect(studio.callsTo('training:start')).toHaveLength(1);
    expect(studio.store.getState().toasts.at(-1)?.message).toBe('A training run is already going.');
  });

  it('a refused start is shown with the studio’s reason', async () => {
    const studio = studioWithEvents();
    studio.handle('training:start', () => ({ ok: false, error: { code: 'invalid-request', message: 'There are no labeled images in the train split yet.', hint: 'Label some images first.' } }));
    await studio.store.getState().startTraining();
    expect(studio.store.getState().model.training).toMatchObject({ stage: 'failed-to-start', error: { message: 'There are no labeled images in the train split yet.' } });
  });

  it('a background retrain started by the loop shows up without a toast when it ends', async () => {
    const studio = studioWithEvents();
    studio.emit('training:progress', { phase: 'training', runId: 'bg-1', epoch: epochs(1)[0], epochs: 30 });
    expect(studio.store.getState().model.training).toMatchObject({ runId: 'bg-1', stage: 'running' });
    studio.emit('training:finished', { run: (await import('./fakeLoop')).runRecord({ id: 'bg-1' }) });
    expect(studio.store.getState().model.training?.stage).toBe('finished');
    expect(studio.store.getState().toasts).toEqual([]);
  });

  it('Cancel asks the studio to stop the run on screen', async () => {
    const studio = studioWithEvents();
    await studio.store.getState().startTraining();
    await studio.store.getState().cancelTraining();
    expect(studio.callsTo('training:cancel')).toEqual([{ runId: 'run-1' }]);
    expect(studio.store.getState().model.training?.stage).toBe('cancelling');
  });
});

describe('backbones', () => {
  it('a resumed download starts from the bytes kept and follows progress to the end', async () => {
    const studio = studioWithEvents();
    await studio.store.getState().loadBackbones();
    await studio.store.getState().downloadBackbone('mobilenet-v2');
    expect(studio.store.getState().model.downloads['mobilenet-v2']).toMatchObject({ stage: 'starting', receivedBytes: 5_000_000 });
    studio.emit('models:download-progress', { backboneId: 'mobilenet-v2', receivedBytes: 9_000_000, totalBytes: 14_000_000, resumedFrom: 5_000_000 });
    expect(studio.store.getState().model.downloads['mobilenet-v2']).toMatchObject({ stage: 'downloading', receivedBytes: 9_000_000 });
    studio.emit('models:download-finished', { backboneId: 'mobilenet-v2', ok: true, listing: { ...mobilenetListing, status: 'ready', downloadedBytes: 14_000_000 } });
    expect(studio.store.getState().model.downloads).toEqual({});
    expect(studio.store.getState().model.backbones?.find((b) => b.card.id === 'mobilenet-v2')?.status).toBe('ready');
  });

  it('offline, the download ends with a clear message kept beside the backbone', async () => {
    const studio = studioWithEvents();
    await studio.store.getState().loadBackbones();
    await studio.store.getState().downloadBackbone('mobilenet-v2');
    studio.emit('models:download-finished', { backboneId: 'mobilenet-v2', ok: false, message: 'The studio is offline: example.org cannot be reached.' });
    expect(studio.store.getState().model.downloads['mobilenet-v2']).toMatchObject({ stage: 'failed', message: 'The studio is offline: example.org cannot be reached.' });
  });

  it('a local model the studio refuses comes back with its reason', async () => {
    const studio = studioWithEvents();
    studio.handle('models:add-local', () => ({ ok: false, error: { code: 'invalid-request', message: 'The model output has 1000 values, not 1280.', hint: 'Set the embedding size to 1000.' } }));
    const card = { ...mobilenetListing.card, id: 'mine', engine: 'onnx' as const };
    const error = await studio.store.getState().addLocalModel('/models/mine.onnx', card);
    expect(error).toMatchObject({ message: 'The model output has 1000 values, not 1280.', hint: 'Set the embedding size to 1000.' });
    expect(studio.callsTo('models:add-local')[0]).toMatchObject({ path: '/models/mine.onnx', card: { id: 'mine' } });
  });
});
