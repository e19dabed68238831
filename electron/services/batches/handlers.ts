import { randomBytes } from 'node:crypto';
import { StudioError } from '../../../shared/contract/channel';
import type { StudioHost } from '../host/StudioHost';
import type { LoopService } from '../loop/LoopService';
import type { MlServices } from '../ml/index';
import type { HandlerRegistry } from '../rpc/HandlerRegistry';
import { BatchService } from './BatchService';
import { importBatch } from './importBatch';
import { putAtQueueFront } from './queueFront';

/**
 * `batches:*`: new-data batches of the open project. Importing runs as a background job
 * with the import's progress events; the report predicts the batch first when needed
 * (`batches:predict-progress`); picking images moves them into the project and tells
 * every window that samples and the queue changed.
 */
export function registerBatchHandlers(registry: HandlerRegistry, host: StudioHost, ml: MlServices, loop: LoopService): void {
  const service = new BatchService({
    worker: ml.worker,
    catalog: ml.catalog,
    queueFront: async (_project, runId, picks) => putAtQueueFront((await loop.session()).store, runId, picks),
  });
  const imports = new Map<string, AbortController>();
  host.onProjectClose(() => {
    for (const job of imports.values()) job.abort();
  });
  const changed = () => host.events.emit('project:changed', { what: ['samples', 'queue'] });

  registry.handle('batches:list', () => service.list(host.requireProject()));

  registry.handle('batches:import', ({ name, sources }) => {
    const project = host.requireWritableProject();
    if (imports.size > 0) throw new StudioError('conflict', 'A batch import is already running.', 'Wait for it to finish, or cancel it.');
    const jobId = `batch-import-${randomBytes(5).toString('hex')}`;
    const controller = new AbortController();
    imports.set(jobId, controller);
    void importBatch(project, { name, sources }, { jobId, signal: controller.signal, onProgress: (p) => host.events.emit('batches:import-progress', p) }).then(
      ({ batch, report }) => {
        imports.delete(jobId);
        host.events.emit('batches:import-finished', { jobId, batch, report });
      },
      (error: unknown) => {
        imports.delete(jobId);
        const failure = error instanceof StudioError ? error : new StudioError('io', `The batch import stopped: ${(error as Error)?.message ?? String(error)}`);
        host.events.emit('batches:import-failed', { jobId, error: failure.toPayload() });
      },
    );
    return { jobId };
  });

  registry.handle('batches:cancel-import', ({ jobId }) => {
    const job = imports.get(jobId);
    job?.abort();
    return { cancelled: job !== undefined };
  });

  registry.handle('batches:report', ({ batchId, runId }) => {
    const project = host.requireProject();
    return service.report(project, batchId, runId, (p) => host.events.emit('batches:predict-progress', { batchId, ...p }));
  });

  registry.handle('batches:queue-least-confident', async ({ batchId, runId, n }) => {
    const picked = await service.queueLeastConfident(host.requireWritableProject(), batchId, runId, n);
    changed();
    return picked;
  });

  registry.handle('batches:draw-audit', async ({ batchId, runId, n }) => {
    const picked = await service.drawAudit(host.requireWritableProject(), batchId, runId, n);
    changed();
    return picked;
  });

  registry.handle('batches:move-rest', async ({ batchId }) => {
    const picked = await service.moveRest(host.requireWritableProject(), batchId);
    changed();
    return picked;
  });
}
