import type { HandlerRegistry } from '../rpc/HandlerRegistry';
import type { StudioHost } from '../host/StudioHost';
import { nextInQueue } from './LabelQueue';
import type { ProjectImages } from '../host/ProjectImages';

export function registerQueueHandlers(registry: HandlerRegistry, host: StudioHost, images: ProjectImages): void {
  registry.handle('queue:next', ({ count, exclude }) => {
    const items = nextInQueue(host.requireProject(), count, exclude);
    images.prefetch(items.slice(0, 8).map((i) => i.sampleId)); // previews ready before the UI asks
    return items;
  });
}
