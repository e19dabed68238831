import type { ReviewDecision, ReviewItem } from '../../../shared/contract/quality';
import type { Split } from '../../../shared/contract/schemas';
import type { QualityReport, Suspect } from '../../../shared/ml/quality';

/** A kept label is asked again when its self-confidence falls by more than this after a later check. */
export const reaskDrop = 0.15;

export interface ReviewSources {
  report: QualityReport;
  /** The sample's label now (null: unlabeled) and split; undefined when it is gone. */
  sampleNow(sampleId: string): { classId: string | null; split: Split } | undefined;
  reviewOf(sampleId: string): ReviewDecision | undefined;
}

/**
 * Whether a kept label's evidence is still the one the reviewer saw: same label, same
 * suggestion, and the model not markedly less confident in the label than it was.
 */
export function stillSettled(suspect: Suspect, review: ReviewDecision | undefined, labelNow: string | null): boolean {
  if (!review || review.action !== 'keep') return false;
  return review.given === labelNow && review.suggested === suspect.suggested && suspect.selfConfidence >= review.selfConfidence - reaskDrop;
}

/**
 * The suspected labels still to review, worst first. Left out: samples whose label changed
 * since the check (fixed, or relabeled elsewhere), samples gone, and kept labels whose
 * evidence has not changed.
 */
export function openSuspects(sources: ReviewSources): { items: ReviewItem[]; reviewed: number } {
  const items: ReviewItem[] = [];
  let reviewed = 0;
  sources.report.suspects.forEach((suspect, i) => {
    const now = sources.sampleNow(suspect.sampleId);
    if (!now) return;
    if (now.classId !== suspect.given) {
      reviewed += 1;
      return;
    }
    if (stillSettled(suspect, sources.reviewOf(suspect.sampleId), now.classId)) {
      reviewed += 1;
      return;
    }
    items.push({ ...suspect, split: now.split, rank: i + 1, runId: sources.report.runId });
  });
  return { items, reviewed };
}
