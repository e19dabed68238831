import type { HandlerRegistry } from '../rpc/HandlerRegistry';
import type { ProjectImages } from '../host/ProjectImages';
import type { StudioHost } from '../host/StudioHost';
import { annotatorFor } from '../host/annotator';
import type { QueueService } from './QueueService';

/**
 * `queue:*`: the loop's order (strategy batch, held-out asks, import order meanwhile), each
 * image leased to the tab it is handed to; `hold` renews what a tab shows, `release` gives
 * images back.
 */
export function registerQueueHandlers(registry: HandlerRegistry, host: StudioHost, queue: QueueService, images: ProjectImages): void {
  registry.handle('queue:next', async ({ count, exclude, annotator }, context) => {
    const items = await queue.next(queue.holderFor(context, annotatorFor(host, context, annotator)), count, exclude);
    images.prefetch(items.slice(0, 8).map((i) => i.sampleId)); // previews ready before the UI asks
    return items;
  });
  registry.handle('queue:hold', ({ sampleIds, annotator }, context) => queue.hold(queue.holderFor(context, annotatorFor(host, context, annotator)), sampleIds));
  registry.handle('queue:release', async ({ sampleIds, annotator }, context) => {
    await queue.release(queue.holderFor(context, annotatorFor(host, context, annotator)), sampleIds);
    return {};
  });
}
