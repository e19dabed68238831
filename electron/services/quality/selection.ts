import type { QualityService } from './QualityService';

/**
 * A lasso selection from the map. To the gallery: kept as the "map selection" filter. To
 * the queue: its unlabeled train samples go in front of the current batch (val and test
 * samples never do: their labels are collected at random so evaluation stays unbiased).
 */
export async function selectFromMap(quality: QualityService, ids: readonly string[], target: 'gallery' | 'queue'): Promise<{ selected: number; queued: number; leftOut: number }> {
  const session = await quality.session();
  const { project } = session;
  const known = ids.filter((id) => project.samples.get(id));
  if (target === 'gallery') {
    quality.selection = new Set(known);
    return { selected: known.length, queued: 0, leftOut: ids.length - known.length };
  }
  const book = project.labels.book;
  const open = known.filter((id) => {
    const state = book.stateOf(id);
    return project.samples.get(id)!.split === 'train' && state.classId === null && !state.skipped && !state.flag;
  });
  const loop = await quality.loop.session();
  const batch = loop.store.batch;
  const chosen = new Set(open);
  await loop.store.setBatch({
    runId: batch?.runId ?? null,
    strategy: 'map-selection',
    items: [...open.map((sampleId) => ({ sampleId, score: 1, note: 'picked on the embedding map' })), ...(batch?.items ?? []).filter((p) => !chosen.has(p.sampleId))],
    refreshedAt: new Date().toISOString(),
  });
  return { selected: known.length, queued: open.length, leftOut: known.length - open.length };
}
