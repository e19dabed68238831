import type { QueueItem } from '../../../shared/contract/queue';
import type { Sample } from '../../../shared/domain/records';
import type { Project } from '../project/Project';
import type { RunProbabilities } from '../ml/probabilityFiles';
import type { QueueBatch } from '../loop/loopDocument';
import type { HeldOutOrder, HeldOutSplit, HeldOutState } from './heldOut';
import { topClasses } from './topClasses';

/** Every `heldOutEvery`-th item is a held-out sample while evaluation still needs labels. */
export const heldOutEvery = 4;

/**
 * What one client may be handed (QueueService fills it in): images no one else holds,
 * overlap samples waiting for this person's second opinion, and samples whose model
 * suggestion stays hidden (overlap samples: both answers independent of the model).
 */
export interface QueueAccess {
  available(sampleId: string): boolean;
  secondOpinions: readonly Sample[];
  hideSuggestion(sampleId: string): boolean;
}

const everything: QueueAccess = { available: () => true, secondOpinions: [], hideSuggestion: () => false };

/** What the queue is built from; none of it needs the ML worker. */
export interface QueueSources {
  project: Project;
  /** The strategy's picks, best first; null before the first query. */
  batch: QueueBatch | null;
  heldOut: HeldOutState;
  heldOutOrder: HeldOutOrder;
  /** The latest model's probabilities, for each item's top classes. */
  probabilities: RunProbabilities | null;
  /** Why import order is shown right now, e.g. "the model is choosing the next batch". */
  fallbackNote: string;
  /** What this client may be handed; everything when omitted (one person). */
  access?: QueueAccess;
}

/**
 * What the labeling view shows next: the train-split pool in the strategy's order (its
 * current batch, then import order while a new batch is being chosen), with a random
 * val/test sample in every fourth place until each class has enough held-out labels.
 * Once the train pool is labeled, the remaining val/test samples follow (more held-out
 * labels sharpen evaluation), then skipped samples; flagged ones wait for review. Held-out
 * items never carry the model's suggestion. The slot of an item is counted
 * from the label journal's sequence number plus what the client holds, so the one-in-four
 * rhythm holds whether the client asks for 20 items or refills one at a time.
 */
export function buildQueue(sources: QueueSources, count: number, exclude: readonly string[]): QueueItem[] {
  const { project, batch, heldOut } = sources;
  const access = sources.access ?? everything;
  const book = project.labels.book;
  const taken = new Set(exclude);
  const classIds = new Set(project.doc.classes.map((c) => c.id));
  const free = (sample: Sample): boolean => !taken.has(sample.id) && access.available(sample.id);
  const open = (sample: Sample | undefined): sample is Sample => {
    if (!sample || !free(sample)) return false;
    const state = book.stateOf(sample.id);
    return state.classId === null && !state.skipped && !state.flag && !state.needsReview;
  };
  const poolItem = (sample: Sample, reason: QueueItem['reason']): QueueItem => ({
    sampleId: sample.id,
    reason,
    heldOut: false,
    top: access.hideSuggestion(sample.id) ? [] : topClasses(sources.probabilities, sample.id, classIds),
  });

  const pool = (function* (): Generator<QueueItem> {
    // Second opinions first: few, and each one waits on this person alone.
    for (const sample of access.secondOpinions) {
      if (free(sample)) yield { sampleId: sample.id, reason: secondOpinionReason, heldOut: sample.split !== 'train', top: [], secondOpinion: true };
    }
    for (const pick of batch?.items ?? []) {
      const sample = project.samples.get(pick.sampleId);
      if (sample?.split === 'train' && open(sample)) yield poolItem(sample, { strategy: batch!.strategy, score: pick.score, note: pick.note });
    }
    for (const sample of project.samples.all) {
      if (sample.split === 'train' && open(sample)) yield poolItem(sample, { strategy: 'import-order', score: null, note: sources.fallbackNote });
    }
  })();
  const order = sources.heldOutOrder.of(project);
  const heldOutFrom = (split: HeldOutSplit, note: string): (() => QueueItem | null) => {
    let i = 0;
    return () => {
      while (i < order[split].length) {
        const sample = order[split][i++];
        if (open(sample)) return { sampleId: sample.id, reason: { strategy: 'held-out', score: null, note }, heldOut: true, top: [] };
      }
      return null;
    };
  };
  const asked = Object.fromEntries(heldOut.open.map((split) => [split, heldOutFrom(split, heldOut.notes[split]!)])) as Partial<Record<HeldOutSplit, () => QueueItem | null>>;
  const nextHeldOut = (slot: number): QueueItem | null => {
    if (!heldOut.open.length) return null;
    // With both splits short, two test asks for every val ask (10 vs 5 labels by default).
    const first: HeldOutSplit = heldOut.open.length === 2 && Math.floor(slot / heldOutEvery) % 3 === 2 ? 'val' : heldOut.open[0];
    const second = heldOut.open.find((s) => s !== first);
    return asked[first]?.() ?? (second ? (asked[second]?.() ?? null) : null);
  };
  const leftovers = (function* (): Generator<QueueItem> {
    // The train pool is done: more held-out labels still sharpen evaluation.
    for (const split of ['test', 'val'] as const) {
      const note = `${split} sample: the train pool is labeled; held-out labels sharpen the evaluation`;
      for (const sample of order[split]) if (open(sample)) yield { sampleId: sample.id, reason: { strategy: 'held-out', score: null, note }, heldOut: true, top: [] };
    }
    for (const sample of project.samples.all) {
      const state = book.stateOf(sample.id);
      if (free(sample) && state.classId === null && state.skipped && !state.flag) {
        const item = poolItem(sample, { strategy: 'import-order', score: null, note: 'skipped earlier' });
        yield sample.split === 'train' ? item : { ...item, heldOut: true, top: [] };
      }
    }
  })();

  const items: QueueItem[] = [];
  const base = book.lastSeq + exclude.length;
  while (items.length < count) {
    const slot = base + items.length;
    const item = (slot % heldOutEvery === heldOutEvery - 1 ? nextHeldOut(slot) : null) ?? next(pool) ?? nextHeldOut(slot) ?? next(leftovers);
    if (!item) break;
    taken.add(item.sampleId);
    items.push(item);
  }
  return items;
}

const secondOpinionReason: QueueItem['reason'] = {
  strategy: 'second-opinion',
  score: null,
  note: 'a second opinion: someone else labeled this image too; your answer, given without seeing theirs, measures agreement',
};

function next(items: Generator<QueueItem>): QueueItem | null {
  const result = items.next();
  return result.done ? null : result.value;
}
