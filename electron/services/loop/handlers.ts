import { StudioError } from '../../../shared/contract/channel';
import { labelingSpeed } from '../../../shared/domain/labelingSpeed';
import { pixelsCard } from '../../../shared/ml/pixels';
import type { HandlerRegistry } from '../rpc/HandlerRegistry';
import type { MlServices } from '../ml/index';
import type { LoopService } from './LoopService';
import { checkStrategy, strategyInfos } from './strategyCatalog';

/** `loop:*`: the loop's settings, strategies, status, rounds and a queue rebuild on demand. */
export function registerLoopHandlers(registry: HandlerRegistry, loop: LoopService, ml: MlServices): void {
  registry.handle('loop:settings', async () => (await loop.session()).settings);
  registry.handle('loop:update-settings', async (change) => {
    const session = await loop.session();
    if (change.strategy !== undefined) checkStrategy(change.strategy);
    const known = async (id: string) => pixelsCard(id) !== null || (await ml.catalog.list()).some((b) => b.card.id === id);
    if (change.backboneId !== undefined && !(await known(change.backboneId))) {
      throw new StudioError('not-found', `There is no backbone "${change.backboneId}".`, 'Pick one from the Model view (models:list), or add a local model first.');
    }
    return session.updateSettings(change);
  });
  registry.handle('loop:strategies', () => strategyInfos());
  registry.handle('loop:status', async () => (await loop.session()).status());
  registry.handle('loop:rounds', async () => (await loop.session()).rounds());
  registry.handle('loop:speed', async () => {
    const session = await loop.session();
    return labelingSpeed(session.project.labels.book.decisions, session.store.rounds);
  });
  registry.handle('loop:refresh-queue', async () => {
    const session = await loop.session();
    if (session.store.readOnly) throw new StudioError('conflict', 'The project is open read-only.');
    return { size: await session.refresh() };
  });
}
