import type { HandlerRegistry } from '../rpc/HandlerRegistry';
import type { StudioHost } from '../host/StudioHost';
import { annotatorFor } from '../host/annotator';
import { classUsage, createClass, deleteClass, mergeClasses, updateClass } from './classCatalog';

export function registerClassHandlers(registry: HandlerRegistry, host: StudioHost): void {
  const changed = () => host.events.emit('project:changed', { what: ['classes', 'labels'] });
  registry.handle('classes:list', () => host.requireProject().doc.classes);
  registry.handle('classes:create', async (input) => {
    const created = await createClass(host.requireWritableProject(), input);
    changed();
    return created;
  });
  registry.handle('classes:update', async ({ id, ...patch }) => {
    const updated = await updateClass(host.requireWritableProject(), id, patch);
    changed();
    return updated;
  });
  registry.handle('classes:usage', ({ id }) => ({ labels: classUsage(host.requireProject(), id) }));
  registry.handle('classes:merge', async ({ from, into, annotator }, context) => {
    const moved = await mergeClasses(host.requireWritableProject(), from, into, annotatorFor(host, context, annotator));
    changed();
    return { moved };
  });
  registry.handle('classes:delete', async ({ id, annotator }, context) => {
    const dropped = await deleteClass(host.requireWritableProject(), id, annotatorFor(host, context, annotator));
    changed();
    return { dropped };
  });
}
