import type { HandlerRegistry } from '../rpc/HandlerRegistry';
import type { ProjectImages } from '../host/ProjectImages';
import type { LoopService } from '../loop/LoopService';

/** `queue:next`: the loop's order (strategy batch, held-out asks, import order meanwhile). */
export function registerQueueHandlers(registry: HandlerRegistry, loop: LoopService, images: ProjectImages): void {
  registry.handle('queue:next', async ({ count, exclude }) => {
    const items = (await loop.session()).next(count, exclude);
    images.prefetch(items.slice(0, 8).map((i) => i.sampleId)); // previews ready before the UI asks
    return items;
  });
}
