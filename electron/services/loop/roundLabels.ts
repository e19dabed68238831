import type { z } from 'zod';
import type { pickedSchema } from '../../../shared/contract/loop';
import type { PickedBatch } from './loopDocument';
import type { Project } from '../project/Project';

/** A round's new train labels by what picked them. */
export type Picked = z.infer<typeof pickedSchema>[];

/**
 * What picked the new train labels made after journal position `afterSeq` up to `untilSeq`:
 * a new label is a train sample labeled from unlabeled that still carries a label (a relabel
 * or a cleared label is not one). Each is put down to, in order: the view it was made in
 * (`via`, e.g. the gallery), an import, the newest remembered batch that had queued it (that
 * batch's strategy, whatever the setting is now), or else the queue's import-order fallback.
 * Most first; ties in order of first appearance.
 */
export function pickedSince(project: Project, picks: readonly PickedBatch[], afterSeq: number, untilSeq: number): Picked {
  const book = project.labels.book;
  const source = new Map<string, string>();
  for (const d of book.decisions) {
    if (d.seq <= afterSeq || d.seq > untilSeq) continue;
    if (d.kind !== 'label' || d.before.classId !== null || book.isUndone(d.seq)) continue;
    if (project.samples.get(d.sampleId)?.split !== 'train' || book.stateOf(d.sampleId).classId === null) continue;
    source.set(d.sampleId, d.via ?? (d.annotator === 'import' ? 'imported' : (batchStrategy(picks, d.sampleId, d.at) ?? 'import-order')));
  }
  const counts = new Map<string, number>();
  for (const strategy of source.values()) counts.set(strategy, (counts.get(strategy) ?? 0) + 1);
  return [...counts].map(([strategy, labels]) => ({ strategy, labels })).sort((a, b) => b.labels - a.labels);
}

/** One strategy's name, "mixed" when several picked the labels, "none" when no train label is new. */
export function roundStrategy(picked: Picked): string {
  return picked.length === 1 ? picked[0].strategy : picked.length > 1 ? 'mixed' : 'none';
}

/** The strategy of the newest batch queued before `at` that held the sample (any, if the clocks disagree). */
function batchStrategy(picks: readonly PickedBatch[], sampleId: string, at: string): string | null {
  let any: string | null = null;
  for (let i = picks.length - 1; i >= 0; i--) {
    if (!picks[i].sampleIds.includes(sampleId)) continue;
    if (picks[i].refreshedAt <= at) return picks[i].strategy;
    any ??= picks[i].strategy;
  }
  return any;
}
