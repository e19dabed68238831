import type { HandlerRegistry } from '../rpc/HandlerRegistry';
import type { StudioHost } from '../host/StudioHost';
import { nextInQueue } from './LabelQueue';

export function registerQueueHandlers(registry: HandlerRegistry, host: StudioHost): void {
  registry.handle('queue:next', ({ count, exclude }) => nextInQueue(host.requireProject(), count, exclude));
}
