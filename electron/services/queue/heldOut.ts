import type { Sample } from '../../../shared/domain/records';
import { splitOrderKey } from '../../../shared/domain/splits';
import type { Project } from '../project/Project';

export type HeldOutSplit = 'val' | 'test';
export const heldOutSplits: HeldOutSplit[] = ['test', 'val'];

export interface HeldOutNeed {
  split: HeldOutSplit;
  classId: string;
  have: number;
  need: number;
}

/**
 * How far the held-out splits are from giving evaluation (test) and early stopping (val)
 * enough labels. `needs` lists the classes still short, only for splits that still have
 * unlabeled samples to ask for: once a split runs dry there is nothing the queue can do.
 */
export interface HeldOutState {
  needs: HeldOutNeed[];
  /** Splits the queue asks for, in the order given by `heldOutSplits`. */
  open: HeldOutSplit[];
  /** One line per open split for the queue item, e.g. "test label: each class needs 10; least so far: shirt 3". */
  notes: Partial<Record<HeldOutSplit, string>>;
}

export interface HeldOutTargets {
  minTestLabelsPerClass: number;
  minValLabelsPerClass: number;
}

/** One pass over the samples: labeled held-out samples per class and split, and what is left to ask. */
export function heldOutState(project: Project, targets: HeldOutTargets): HeldOutState {
  const have = { val: new Map<string, number>(), test: new Map<string, number>() };
  const unlabeled = { val: 0, test: 0 };
  const book = project.labels.book;
  for (const sample of project.samples.all) {
    if (sample.split === 'train') continue;
    const state = book.stateOf(sample.id);
    if (state.classId !== null) have[sample.split].set(state.classId, (have[sample.split].get(state.classId) ?? 0) + 1);
    else if (!state.skipped && !state.flag) unlabeled[sample.split] += 1;
  }
  const needs: HeldOutNeed[] = [];
  const notes: HeldOutState['notes'] = {};
  for (const split of heldOutSplits) {
    const need = split === 'test' ? targets.minTestLabelsPerClass : targets.minValLabelsPerClass;
    if (need === 0 || unlabeled[split] === 0) continue;
    const short = project.doc.classes
      .map((c) => ({ split, classId: c.id, name: c.name, have: have[split].get(c.id) ?? 0, need }))
      .filter((n) => n.have < need);
    if (!short.length) continue;
    needs.push(...short.map(({ name: _name, ...n }) => n));
    const least = short.reduce((a, b) => (b.have < a.have ? b : a));
    notes[split] = `${split} label: each class needs ${need}; least so far: ${least.name} ${least.have}`;
  }
  return { needs, open: heldOutSplits.filter((s) => notes[s] !== undefined), notes };
}

/**
 * The val and test samples in a seeded random order that never changes for a project:
 * held-out samples are asked for at random, never by what the model finds hard, so the
 * test split stays an unbiased sample. Rebuilt only when samples are added.
 */
export class HeldOutOrder {
  private cached: { size: number; order: Record<HeldOutSplit, Sample[]> } | null = null;

  of(project: Project): Record<HeldOutSplit, Sample[]> {
    if (this.cached?.size === project.samples.size) return this.cached.order;
    // A different seed from the split assignment's, so the order is not the import's.
    const seed = (project.doc.seed ^ 0x48454c44) | 0;
    const keyed = (split: HeldOutSplit) =>
      project.samples.all
        .filter((s) => s.split === split)
        .map((s) => ({ s, key: splitOrderKey(seed, s.hash) }))
        .sort((a, b) => a.key - b.key)
        .map(({ s }) => s);
    this.cached = { size: project.samples.size, order: { test: keyed('test'), val: keyed('val') } };
    return this.cached.order;
  }
}
