import { StudioError } from '../../../shared/contract/channel';
import type { Decision } from '../../../shared/domain/records';
import type { HandlerRegistry } from '../rpc/HandlerRegistry';
import type { StudioHost } from '../host/StudioHost';
import type { Project } from '../project/Project';
import { annotatorFor } from '../host/annotator';
import { findClass } from '../classes/classCatalog';

/**
 * Labeling requests. Each answers after the decision is fsync'd (LabelStore), and then
 * tells every other window or tab that labels changed.
 */
export function registerLabelHandlers(registry: HandlerRegistry, host: StudioHost): void {
  const project = (sampleId: string): Project => {
    const p = host.requireWritableProject();
    if (!p.samples.get(sampleId)) throw new StudioError('not-found', `There is no sample with id ${sampleId} in this project.`);
    return p;
  };
  const announce = (decision: Decision | null): void => {
    if (decision) host.events.emit('project:changed', { what: ['labels'] });
  };
  const settle = async (work: Promise<Decision>): Promise<Decision> => {
    const decision = await work;
    announce(decision);
    return decision;
  };

  registry.handle('labels:set', ({ sampleId, classId, seconds, annotator, via }, context) => {
    const p = project(sampleId);
    findClass(p, classId);
    return settle(p.labels.setClass(sampleId, classId, { annotator: annotatorFor(host, context, annotator), seconds, via }));
  });
  registry.handle('labels:clear', ({ sampleId, annotator }, context) =>
    settle(project(sampleId).labels.clear(sampleId, { annotator: annotatorFor(host, context, annotator), seconds: 0 })),
  );
  registry.handle('labels:skip', ({ sampleId, seconds, annotator }, context) =>
    settle(project(sampleId).labels.skip(sampleId, { annotator: annotatorFor(host, context, annotator), seconds })),
  );
  registry.handle('labels:flag', ({ sampleId, flagged, comment, seconds, annotator, via }, context) =>
    settle(project(sampleId).labels.flag(sampleId, flagged, comment, { annotator: annotatorFor(host, context, annotator), seconds, via })),
  );
  registry.handle('labels:undo', async ({ annotator }, context) => {
    const undo = await host.requireWritableProject().labels.undo(annotatorFor(host, context, annotator));
    announce(undo);
    return { undo };
  });
  registry.handle('labels:history', ({ limit, annotator }) => host.requireProject().labels.book.recent(limit, annotator));
}
