import { StudioError } from '../../../shared/contract/channel';
import type { ReviewDecision, ReviewItem } from '../../../shared/contract/quality';
import type { Decision } from '../../../shared/domain/records';
import { findClass } from '../classes/classCatalog';
import { sampleNow } from './overview';
import type { QualitySession } from './QualitySession';
import { openSuspects } from './reviewQueue';

export function reviewNext(session: QualitySession, count: number, exclude: readonly string[]): { items: ReviewItem[]; remaining: number } {
  const { report, project, store } = session;
  if (!report) return { items: [], remaining: 0 };
  const held = new Set(exclude);
  const { items } = openSuspects({ report, sampleNow: sampleNow(project), reviewOf: (id) => store.reviewOf(id) });
  const open = items.filter((i) => !held.has(i.sampleId));
  return { items: open.slice(0, count), remaining: open.length };
}

/**
 * Keeps a suspected label (recorded so it is not asked again until its evidence changes) or
 * changes it (a label decision like any other, then the review record). Resolves once both
 * are on disk.
 */
export async function decideReview(
  session: QualitySession,
  request: { sampleId: string; action: 'keep' | 'relabel'; classId?: string; seconds: number },
  annotator: string,
): Promise<{ review: ReviewDecision; label: Decision | null }> {
  const { project, report, store } = session;
  if (project.readOnly) throw new StudioError('conflict', 'The project is open read-only; labels cannot change.');
  const suspect = report?.suspects.find((s) => s.sampleId === request.sampleId);
  if (!report || !suspect) throw new StudioError('not-found', `Sample ${request.sampleId} is not among the suspected labels of the latest check.`, 'Refresh the review list.');
  let label: Decision | null = null;
  if (request.action === 'relabel') {
    if (!request.classId) throw new StudioError('invalid-request', 'Say which class the sample is (classId) to relabel it.');
    findClass(project, request.classId);
    // Suspects are ranked by the model's out-of-fold disagreement: a test label fixed here is counted apart.
    label = await project.labels.setClass(request.sampleId, request.classId, { annotator, seconds: request.seconds, via: 'suspected-labels' });
  }
  const review: ReviewDecision = {
    sampleId: request.sampleId,
    action: request.action,
    given: suspect.given,
    suggested: suspect.suggested,
    selfConfidence: suspect.selfConfidence,
    classId: request.action === 'relabel' ? request.classId! : null,
    runId: report.runId,
    annotator,
    at: new Date().toISOString(),
  };
  await store.recordReview(review);
  return { review, label };
}
