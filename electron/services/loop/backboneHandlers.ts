import type { HandlerRegistry } from '../rpc/HandlerRegistry';
import type { LoopService } from './LoopService';

/** `backbones:*`: the backbone proposed for the open project's images and whether the loop follows it. */
export function registerBackboneHandlers(registry: HandlerRegistry, loop: LoopService): void {
  registry.handle('backbones:proposal', async () => (await loop.session()).proposals.current());
}
