import { z } from 'zod';
import { decisionSchema, emptyLabelState, type Decision, type LabelState } from './records';
import { idSchema } from '../contract/schemas';

/** A change to the class schema that moves or drops labels in bulk. */
export const classChangeSchema = z.strictObject({
  seq: z.number().int().positive(),
  kind: z.enum(['merge-class', 'delete-class']),
  classId: idSchema,
  into: idSchema.nullable(),
  annotator: z.string(),
  at: z.string(),
});
export type ClassChange = z.infer<typeof classChangeSchema>;

/** One line of the label journal: the source of truth for every label in a project. */
export const journalEntrySchema = z.union([decisionSchema, classChangeSchema]);
export type JournalEntry = Decision | ClassChange;

export function isDecision(entry: JournalEntry): entry is Decision {
  return entry.kind !== 'merge-class' && entry.kind !== 'delete-class';
}

/**
 * The label state of every sample, folded from the journal. Pure: the label store, the
 * CLI's read-only commands and the tests all derive state the same way.
 */
export class LabelBook {
  readonly states = new Map<string, LabelState>();
  readonly decisions: Decision[] = [];
  /** Where a merged or deleted class's labels went (null: dropped). */
  private readonly classFate = new Map<string, string | null>();
  private undone = new Set<number>();
  lastSeq = 0;

  apply(entry: JournalEntry): void {
    this.lastSeq = Math.max(this.lastSeq, entry.seq);
    if (!isDecision(entry)) return this.applyClassChange(entry);
    this.decisions.push(entry);
    if (entry.kind === 'undo' && entry.undoes) this.undone.add(entry.undoes);
    this.states.set(entry.sampleId, this.resolve(entry.after));
  }

  stateOf(sampleId: string): LabelState {
    return this.states.get(sampleId) ?? emptyLabelState;
  }

  /** Maps a state whose class was since merged or deleted onto today's classes. */
  resolve(state: LabelState): LabelState {
    if (state.classId === null || !this.classFate.has(state.classId)) return state;
    let classId: string | null = state.classId;
    const seen = new Set<string>();
    while (classId !== null && this.classFate.has(classId) && !seen.has(classId)) {
      seen.add(classId);
      classId = this.classFate.get(classId) ?? null;
    }
    return { ...state, classId };
  }

  /** The annotator's most recent decision that can still be undone. */
  lastUndoable(annotator: string): Decision | null {
    for (let i = this.decisions.length - 1; i >= 0; i--) {
      const d = this.decisions[i];
      if (d.annotator !== annotator || d.kind === 'undo' || this.undone.has(d.seq)) continue;
      return d;
    }
    return null;
  }

  /** Newest first. */
  recent(limit: number, annotator?: string): Decision[] {
    const out: Decision[] = [];
    for (let i = this.decisions.length - 1; i >= 0 && out.length < limit; i--) {
      const d = this.decisions[i];
      if (!annotator || d.annotator === annotator) out.push(d);
    }
    return out;
  }

  historyOf(sampleId: string): Decision[] {
    return this.decisions.filter((d) => d.sampleId === sampleId).reverse();
  }

  isUndone(seq: number): boolean {
    return this.undone.has(seq);
  }

  countByClass(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const state of this.states.values()) {
      if (state.classId !== null) counts.set(state.classId, (counts.get(state.classId) ?? 0) + 1);
    }
    return counts;
  }

  private applyClassChange(change: ClassChange): void {
    this.classFate.set(change.classId, change.kind === 'merge-class' ? change.into : null);
    for (const [id, state] of this.states) {
      if (state.classId === change.classId) this.states.set(id, this.resolve(state));
    }
  }
}
