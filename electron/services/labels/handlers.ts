import { StudioError } from '../../../shared/contract/channel';
import { ChangedSinceError } from '../../../shared/domain/decisionRules';
import type { Decision } from '../../../shared/domain/records';
import type { HandlerRegistry } from '../rpc/HandlerRegistry';
import type { StudioHost } from '../host/StudioHost';
import type { Project } from '../project/Project';
import type { QueueService } from '../queue/QueueService';
import type { TeamService } from '../team/TeamService';
import { annotatorFor } from '../host/annotator';
import { findClass } from '../classes/classCatalog';

/**
 * Labeling requests. Each answers after the decision is fsync'd (LabelStore), gives the
 * image's lease back, and then tells every other window or tab that labels changed. A label
 * carries the version it was made on, so a conflict is recorded as one (decisionRules).
 */
export function registerLabelHandlers(registry: HandlerRegistry, host: StudioHost, services: { team: TeamService; queue: QueueService }): void {
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
    await services.queue.settle(decision.sampleId);
    announce(decision);
    return decision;
  };
  const isOverlap = async (sampleId: string): Promise<boolean> => (await services.team.team()).overlap().has(sampleId);

  registry.handle('labels:set', async ({ sampleId, classId, seconds, annotator, basedOn, via }, context) => {
    const p = project(sampleId);
    findClass(p, classId);
    const meta = { annotator: annotatorFor(host, context, annotator), seconds, basedOn, via, overlap: await isOverlap(sampleId) };
    return settle(p.labels.setClass(sampleId, classId, meta));
  });
  registry.handle('labels:clear', ({ sampleId, annotator, basedOn }, context) =>
    settle(project(sampleId).labels.clear(sampleId, { annotator: annotatorFor(host, context, annotator), seconds: 0, basedOn })),
  );
  registry.handle('labels:skip', ({ sampleId, seconds, annotator }, context) =>
    settle(project(sampleId).labels.skip(sampleId, { annotator: annotatorFor(host, context, annotator), seconds })),
  );
  registry.handle('labels:flag', ({ sampleId, flagged, comment, seconds, annotator, via }, context) =>
    settle(project(sampleId).labels.flag(sampleId, flagged, comment, { annotator: annotatorFor(host, context, annotator), seconds, via })),
  );
  registry.handle('labels:undo', async ({ annotator, seq }, context) => {
    try {
      const undo = await host.requireWritableProject().labels.undo(annotatorFor(host, context, annotator), seq);
      announce(undo);
      return { undo, changedSince: null };
    } catch (error) {
      if (error instanceof ChangedSinceError) return { undo: null, changedSince: error.details };
      throw error;
    }
  });
  registry.handle('labels:history', ({ limit, annotator }) => host.requireProject().labels.book.recent(limit, annotator));
}
