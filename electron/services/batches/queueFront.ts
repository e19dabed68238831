import type { QueuePick } from '../loop/loopDocument';
import type { LoopStore } from '../loop/LoopStore';

/** The strategy name a queue item shows when a new-data batch put it there. */
export const newDataStrategy = 'new-data';

/**
 * Puts picks at the front of the loop's current queue batch, ahead of what the strategy
 * chose (which follows, minus the picks). They are pinned: when the loop queries again,
 * the ones still unlabeled stay in front of its new picks.
 */
export async function putAtQueueFront(store: LoopStore, runId: string, picks: QueuePick[]): Promise<void> {
  const ids = new Set(picks.map((p) => p.sampleId));
  const rest = (store.batch?.items ?? []).filter((item) => !ids.has(item.sampleId));
  await store.setBatch({ runId, strategy: newDataStrategy, items: [...picks.map((p) => ({ ...p, pinned: true })), ...rest], refreshedAt: new Date().toISOString() });
}
