import { annotatorFor } from '../host/annotator';
import type { StudioHost } from '../host/StudioHost';
import type { HandlerRegistry } from '../rpc/HandlerRegistry';
import { applyGroupAction } from './groupActions';
import { mapPoints } from './mapPoints';
import { qualityOverview } from './overview';
import type { QualityService } from './QualityService';
import { decideReview, reviewNext } from './reviewActions';
import { selectFromMap } from './selection';

/** `quality:*`: the data checks, the review of suspected labels, duplicate groups, the map. */
export function registerQualityHandlers(registry: HandlerRegistry, quality: QualityService, host: StudioHost): void {
  const session = () => quality.session();
  registry.handle('quality:status', async () => (await session()).current());
  registry.handle('quality:check', async () => ({ started: await (await session()).checkLatest(true) }));
  registry.handle('quality:cancel', async () => ({ cancelled: (await session()).cancel() }));
  registry.handle('quality:overview', async () => qualityOverview(await session()));
  registry.handle('quality:update-settings', async (change) => {
    const settings = await (await session()).store.updateSettings(change);
    host.events.emit('quality:changed', { what: ['report'] });
    return settings;
  });
  registry.handle('quality:review-next', async ({ count, exclude }) => reviewNext(await session(), count, exclude));
  registry.handle('quality:review', async (request, context) => {
    const result = await decideReview(await session(), request, annotatorFor(host, context, request.annotator));
    if (result.label) host.events.emit('project:changed', { what: ['labels'] });
    host.events.emit('quality:changed', { what: ['reviews'] });
    return result;
  });
  registry.handle('quality:group-action', async (request, context) => {
    const changed = await applyGroupAction(await session(), request, annotatorFor(host, context, request.annotator));
    if (changed > 0) host.events.emit('project:changed', { what: ['labels'] });
    host.events.emit('quality:changed', { what: ['report'] });
    return { changed };
  });
  registry.handle('quality:map', async () => mapPoints(await session()));
  registry.handle('quality:select', async ({ ids, target }) => {
    const result = await selectFromMap(quality, ids, target);
    if (target === 'queue') host.events.emit('project:changed', { what: ['queue'] });
    return result;
  });
}
