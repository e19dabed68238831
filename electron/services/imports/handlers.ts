import { randomBytes } from 'node:crypto';
import { StudioError } from '../../../shared/contract/channel';
import type { HandlerRegistry } from '../rpc/HandlerRegistry';
import type { StudioHost } from '../host/StudioHost';
import { runImport } from '../ingest';

/**
 * Imports run as background jobs: `import:start` answers at once with a job id; progress,
 * the final report or the failure arrive as events, so the window never waits on an import
 * of 10,000 images. One import at a time per project; closing the project cancels it.
 */
export function registerImportHandlers(registry: HandlerRegistry, host: StudioHost): void {
  const jobs = new Map<string, AbortController>();
  host.onProjectClose(() => {
    for (const job of jobs.values()) job.abort();
  });

  registry.handle('import:start', (request, context) => {
    const project = host.requireWritableProject();
    if (jobs.size > 0) throw new StudioError('conflict', 'An import is already running.', 'Wait for it to finish, or cancel it.');
    const jobId = `import-${randomBytes(5).toString('hex')}`;
    const controller = new AbortController();
    jobs.set(jobId, controller);
    const annotator = context.annotator ? `import (${context.annotator})` : 'import';
    void runImport(project, request, {
      jobId,
      annotator,
      signal: controller.signal,
      onProgress: (progress) => host.events.emit('import:progress', progress),
    })
      .then((report) => {
        host.events.emit('import:finished', { jobId, report });
        host.events.emit('project:changed', { what: ['samples', 'labels', 'classes'] });
      })
      .catch((error: unknown) => host.events.emit('import:failed', { jobId, message: messageOf(error) }))
      .finally(() => jobs.delete(jobId));
    return { jobId };
  });

  registry.handle('import:cancel', ({ jobId }) => {
    const job = jobs.get(jobId);
    job?.abort();
    return { cancelled: job !== undefined };
  });
}

function messageOf(error: unknown): string {
  if (error instanceof StudioError) return error.hint ? `${error.message} ${error.hint}` : error.message;
  return `The import stopped: ${(error as Error)?.message ?? String(error)}`;
}
