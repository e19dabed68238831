import { StudioError } from '../../../shared/contract/channel';
import type { Decision } from '../../../shared/domain/records';
import type { LabelView } from '../../../shared/domain/labelViews';
import { findClass } from '../classes/classCatalog';
import type { StudioHost } from '../host/StudioHost';
import type { Project } from '../project/Project';
import type { QueueService } from '../queue/QueueService';
import type { TeamService } from '../team/TeamService';

/** One person giving one image a class, from whichever view they were in. */
export interface LabelRequest {
  sampleId: string;
  classId: string;
  /** Who decides (already resolved from the request and its transport). */
  annotator: string;
  seconds: number;
  /** The image's version on the person's screen (decisionRules: a change over an unseen answer is a conflict). */
  basedOn?: number;
  via?: LabelView;
}

/** Labels an image the one way every view does; resolves once the decision is durable. */
export type LabelSample = (request: LabelRequest) => Promise<Decision>;

/**
 * The labeling path of `labels:set`, shared by every view that labels (the queue, the
 * gallery, the review of suspected labels, duplicate groups): the class must exist, an
 * overlap image takes a second opinion, the rules of labeling together decide whether the
 * label replaces the standing one or is recorded as a conflict, the image's lease is given
 * back, and every window hears that labels changed.
 */
export function labelSampleThrough(host: StudioHost, services: { team: TeamService; queue: QueueService }): LabelSample {
  return async ({ sampleId, classId, annotator, seconds, basedOn, via }) => {
    const project = writableWith(host, sampleId);
    findClass(project, classId);
    const overlap = (await services.team.team()).overlap().has(sampleId);
    const decision = await project.labels.setClass(sampleId, classId, { annotator, seconds, basedOn, via, overlap });
    await services.queue.settle(decision.sampleId);
    host.events.emit('project:changed', { what: ['labels'] });
    return decision;
  };
}

/** The open project, writable, holding that sample. */
export function writableWith(host: StudioHost, sampleId: string): Project {
  const project = host.requireWritableProject();
  if (!project.samples.get(sampleId)) throw new StudioError('not-found', `There is no sample with id ${sampleId} in this project.`);
  return project;
}
