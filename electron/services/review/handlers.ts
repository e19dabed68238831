import { StudioError } from '../../../shared/contract/channel';
import type { HandlerRegistry } from '../rpc/HandlerRegistry';
import type { StudioHost } from '../host/StudioHost';
import { annotatorFor } from '../host/annotator';
import { findClass } from '../classes/classCatalog';
import type { QueueService } from '../queue/QueueService';
import type { TeamService } from '../team/TeamService';
import { reviewQueue } from './reviewQueue';

/** `review:*`: the reviewer's queue and their final verdicts (undone with `labels:undo`). */
export function registerReviewHandlers(registry: HandlerRegistry, host: StudioHost, services: { team: TeamService; queue: QueueService }): void {
  registry.handle('review:queue', ({ offset, limit }) => reviewQueue(host.requireProject(), offset, limit));
  registry.handle('review:decide', async ({ sampleId, classId, basedOn, seconds, annotator }, context) => {
    const project = host.requireWritableProject();
    if (!project.samples.get(sampleId)) throw new StudioError('not-found', `There is no sample with id ${sampleId} in this project.`);
    findClass(project, classId);
    const reviewer = annotatorFor(host, context, annotator);
    await services.team.assertReviewer(reviewer);
    const decision = await project.labels.review(sampleId, classId, { annotator: reviewer, seconds, basedOn });
    await services.queue.settle(sampleId);
    host.events.emit('project:changed', { what: ['labels'] });
    return decision;
  });
}
