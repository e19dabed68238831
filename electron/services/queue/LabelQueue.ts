import type { QueueItem } from '../../../shared/contract/queue';
import type { Project } from '../project/Project';

/**
 * What the labeling view shows next. Until a model exists this is the unlabeled samples in
 * import order, skipped ones last; flagged samples wait for expert review instead.
 */
export function nextInQueue(project: Project, count: number, exclude: readonly string[]): QueueItem[] {
  const held = new Set(exclude);
  const book = project.labels.book;
  const fresh: QueueItem[] = [];
  const skipped: QueueItem[] = [];
  for (const sample of project.samples.all) {
    if (held.has(sample.id)) continue;
    const state = book.stateOf(sample.id);
    if (state.classId !== null || state.flag) continue;
    const item: QueueItem = {
      sampleId: sample.id,
      reason: { strategy: 'import-order', score: null, note: state.skipped ? 'skipped earlier' : 'next unlabeled image' },
      heldOut: false,
      top: [],
    };
    if (!state.skipped) {
      fresh.push(item);
      if (fresh.length >= count) return fresh;
    } else if (skipped.length < count) {
      skipped.push(item);
    }
  }
  return [...fresh, ...skipped].slice(0, count);
}
