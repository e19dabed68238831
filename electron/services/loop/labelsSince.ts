import type { Project } from '../project/Project';

/** Where to start counting: after a label journal sequence number (exact), or from a time. */
export type LabelsSince = { seq: number } | { at: string } | null;

/**
 * Samples of the train and val splits labeled since `since` (null: ever) that still carry
 * a label: what counts toward the next automatic retrain. A sample labeled twice counts
 * once; test labels never count (the model never trains on them). Walks the journal
 * backwards, so the cost is the decisions since the last run.
 */
export function labelsSince(project: Project, since: LabelsSince): number {
  const book = project.labels.book;
  const counted = new Set<string>();
  const counts = (sampleId: string) => {
    const split = project.samples.get(sampleId)?.split;
    return split !== undefined && split !== 'test' && book.stateOf(sampleId).classId !== null;
  };
  if (since === null) {
    for (const sampleId of book.states.keys()) if (counts(sampleId)) counted.add(sampleId);
    return counted.size;
  }
  for (let i = book.decisions.length - 1; i >= 0; i--) {
    const decision = book.decisions[i];
    if ('seq' in since ? decision.seq <= since.seq : decision.at < since.at) break;
    if ((decision.kind === 'label' || decision.kind === 'undo') && !counted.has(decision.sampleId) && counts(decision.sampleId)) counted.add(decision.sampleId);
  }
  return counted.size;
}
