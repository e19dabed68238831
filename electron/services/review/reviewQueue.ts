import { basename } from 'node:path';
import type { ReviewItem } from '../../../shared/contract/review';
import type { Project } from '../project/Project';

/**
 * What waits for a reviewer: images whose answers disagree (a conflict, an overlap
 * disagreement) first, then flagged images with their comments; oldest first within each.
 */
export function reviewQueue(project: Project, offset: number, limit: number): { total: number; items: ReviewItem[] } {
  const book = project.labels.book;
  const waiting: { item: ReviewItem; rank: number }[] = [];
  for (const sampleId of book.decidedSampleIds()) {
    const label = book.stateOf(sampleId);
    const sample = project.samples.get(sampleId);
    if (!sample || (!label.needsReview && !label.flag)) continue;
    const reasons: ReviewItem['reasons'] = [];
    if (label.needsReview) reasons.push(label.needsReview);
    if (label.flag) reasons.push('flagged');
    const answers = book.answersOf(sampleId).map(({ annotator, classId, at, independent }) => ({ annotator, classId, at, independent }));
    const version = book.versionOf(sampleId);
    waiting.push({ item: { sampleId, fileName: basename(sample.path), reasons, label, version, answers }, rank: (label.needsReview ? 0 : 1) * 2 ** 40 + version });
  }
  waiting.sort((a, b) => a.rank - b.rank);
  return { total: waiting.length, items: waiting.slice(offset, offset + limit).map((w) => w.item) };
}
