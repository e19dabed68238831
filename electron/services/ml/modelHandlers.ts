import { StudioError } from '../../../shared/contract/channel';
import type { HandlerRegistry } from '../rpc/HandlerRegistry';
import type { EventHub } from '../rpc/EventHub';
import type { MlServices } from './index';

/**
 * `models:*`: the backbone catalog, what the ML worker can run on, background downloads
 * (one per backbone, cancellable, progress and the end pushed as events) and local models.
 */
export function registerModelHandlers(registry: HandlerRegistry, ml: MlServices, events: EventHub): void {
  const downloads = new Map<string, AbortController>();

  registry.handle('models:list', () => ml.catalog.list());
  registry.handle('models:capabilities', async () => {
    const capabilities = await ml.worker.run({ kind: 'capabilities' });
    return { backend: capabilities.backend, executionProviders: capabilities.onnx.usable, fineTune: capabilities.fineTune };
  });
  registry.handle('models:download', async ({ backboneId }) => {
    const listing = (await ml.catalog.list()).find((b) => b.card.id === backboneId);
    if (!listing) throw new StudioError('not-found', `There is no backbone "${backboneId}".`, 'models:list shows the catalog.');
    if (listing.source !== 'catalog') throw new StudioError('invalid-request', `"${backboneId}" is ${listing.source === 'built-in' ? 'built in' : 'a local model'}: there is nothing to download.`);
    if (downloads.has(backboneId)) return { started: false };
    const controller = new AbortController();
    downloads.set(backboneId, controller);
    ml.catalog
      .download(backboneId, { signal: controller.signal, onProgress: (progress) => events.emit('models:download-progress', progress) })
      .then(
        (done) => events.emit('models:download-finished', { backboneId, ok: true, listing: done }),
        (error: unknown) => events.emit('models:download-finished', { backboneId, ok: false, message: error instanceof Error ? error.message : String(error) }),
      )
      .finally(() => downloads.delete(backboneId));
    return { started: true };
  });
  registry.handle('models:cancel-download', ({ backboneId }) => {
    const download = downloads.get(backboneId);
    download?.abort();
    return { cancelled: download !== undefined };
  });
  registry.handle('models:add-local', ({ path, card }) => ml.catalog.addLocal(path, card));
}
