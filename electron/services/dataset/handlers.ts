import { StudioError } from '../../../shared/contract/channel';
import type { HandlerRegistry } from '../rpc/HandlerRegistry';
import type { StudioHost } from '../host/StudioHost';
import { exportLabels } from './exportLabels';

/** One labels export at a time; its progress goes to every window; closing the project cancels it. */
export function registerDatasetHandlers(registry: HandlerRegistry, host: StudioHost): void {
  let running: AbortController | null = null;
  host.onProjectClose(() => running?.abort());
  registry.handle('dataset:export-labels', async ({ format, out }) => {
    const project = host.requireProject();
    if (running) throw new StudioError('conflict', 'A labels export is already running.', 'Wait for it to finish, or cancel it.');
    const controller = new AbortController();
    running = controller;
    try {
      return await exportLabels(project, format, out, { signal: controller.signal, onProgress: (done, total) => host.events.emit('dataset:export-progress', { done, total }) });
    } finally {
      running = null;
    }
  });
  registry.handle('dataset:cancel-export', () => {
    running?.abort();
    return { cancelled: running !== null };
  });
}
