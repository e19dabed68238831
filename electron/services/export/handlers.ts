import { randomBytes } from 'node:crypto';
import { StudioError } from '../../../shared/contract/channel';
import type { StudioHost } from '../host/StudioHost';
import type { MlServices } from '../ml/index';
import type { HandlerRegistry } from '../rpc/HandlerRegistry';
import { ExportService } from './ExportService';

/**
 * `export:*`: a model export runs as a background job, like an import. `export:start`
 * answers with a job id at once; progress, the report or the error arrive as events. One
 * export at a time; closing the project cancels it (nothing is left half-written).
 */
export function registerExportHandlers(registry: HandlerRegistry, host: StudioHost, ml: MlServices): void {
  const service = new ExportService({ worker: ml.worker, catalog: ml.catalog, studioVersion: host.version });
  const jobs = new Map<string, AbortController>();
  host.onProjectClose(() => {
    for (const job of jobs.values()) job.abort();
  });

  registry.handle('export:start', ({ runId, outDir }) => {
    const project = host.requireProject();
    if (jobs.size > 0) throw new StudioError('conflict', 'A model export is already running.', 'Wait for it to finish, or cancel it.');
    const jobId = `export-${randomBytes(5).toString('hex')}`;
    const controller = new AbortController();
    jobs.set(jobId, controller);
    // The job is over before its last event goes out, so a window can start the next at once.
    void service.export(project, { runId, outDir, signal: controller.signal, onProgress: (p) => host.events.emit('export:progress', { jobId, ...p }) }).then(
      (report) => {
        jobs.delete(jobId);
        host.events.emit('export:finished', { jobId, report });
      },
      (error: unknown) => {
        jobs.delete(jobId);
        const failure = error instanceof StudioError ? error : new StudioError('internal', `The export stopped: ${(error as Error)?.message ?? String(error)}`);
        host.events.emit('export:failed', { jobId, runId, error: failure.toPayload() });
      },
    );
    return { jobId };
  });

  registry.handle('export:cancel', ({ jobId }) => {
    const job = jobs.get(jobId);
    job?.abort();
    return { cancelled: job !== undefined };
  });
}
