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

/** Names that stand for a process, not a person: their labels are nobody's answer. */
export const systemAnnotators: ReadonlySet<string> = new Set(['import']);

export const isPerson = (annotator: string): boolean => !systemAnnotators.has(annotator);

/** The class a label decision's author chose (a conflict or second opinion keeps another's in `after`). */
export const answerOf = (decision: Decision): string | null => decision.answer ?? decision.after.classId;

/** One person's answer for a sample, as agreement and the review queue read it. */
export interface Answer {
  annotator: string;
  classId: string | null;
  seq: number;
  at: string;
  /** Made without seeing anyone else's answer: counts for agreement. */
  independent: boolean;
}

/**
 * The label state of every sample, folded from the journal. Pure: the label store, the
 * CLI's read-only commands and the tests all derive state the same way.
 */
export class LabelBook {
  readonly states = new Map<string, LabelState>();
  readonly decisions: Decision[] = [];
  /** Each sample's decisions, oldest first. */
  private readonly bySample = new Map<string, Decision[]>();
  private readonly bySeq = new Map<number, Decision>();
  /** Where a merged or deleted class's labels went (null: dropped). */
  private readonly classFate = new Map<string, string | null>();
  private undone = new Set<number>();
  lastSeq = 0;

  apply(entry: JournalEntry): void {
    this.lastSeq = Math.max(this.lastSeq, entry.seq);
    if (!isDecision(entry)) return this.applyClassChange(entry);
    this.decisions.push(entry);
    this.bySeq.set(entry.seq, entry);
    const own = this.bySample.get(entry.sampleId);
    if (own) own.push(entry);
    else this.bySample.set(entry.sampleId, [entry]);
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
    return [...(this.bySample.get(sampleId) ?? [])].reverse();
  }

  /**
   * The sample's version: the seq of its latest decision (0 before any). A client sends
   * back the version it loaded, so the studio can tell what happened since unseen.
   */
  versionOf(sampleId: string): number {
    return this.bySample.get(sampleId)?.at(-1)?.seq ?? 0;
  }

  /** The sample's decisions that still count (neither undos nor undone), oldest first. */
  liveDecisionsOf(sampleId: string): Decision[] {
    return (this.bySample.get(sampleId) ?? []).filter((d) => d.kind !== 'undo' && !this.undone.has(d.seq));
  }

  /** The decision that stands on the sample now: only it may be undone. */
  currentDecisionOf(sampleId: string): Decision | null {
    return this.liveDecisionsOf(sampleId).at(-1) ?? null;
  }

  /** The seq of this annotator's latest decision on the sample (0: none): what they last saw. */
  lastSeenBy(sampleId: string, annotator: string): number {
    const own = this.bySample.get(sampleId) ?? [];
    for (let i = own.length - 1; i >= 0; i--) if (own[i].annotator === annotator) return own[i].seq;
    return 0;
  }

  /**
   * Each person's latest answer for the sample (their last live label that is not a
   * reviewer's verdict). An answer is independent when its author had seen no one else's
   * answer: the first label, a concurrent one, a conflict, or an overlap second opinion.
   */
  answersOf(sampleId: string): Answer[] {
    const labels = this.liveDecisionsOf(sampleId).filter((d) => d.kind === 'label' && !d.final && isPerson(d.annotator));
    const latest = new Map<string, Decision>();
    for (const d of labels) latest.set(d.annotator, d);
    return [...latest.values()].map((d) => {
      const seen = d.basedOn ?? d.seq - 1;
      const sawOther = labels.some((o) => o.annotator !== d.annotator && o.seq <= seen);
      return { annotator: d.annotator, classId: answerOf(d), seq: d.seq, at: d.at, independent: d.secondOpinion === true || !sawOther };
    });
  }

  /** Samples with any decision, for passes over everything that was touched. */
  decidedSampleIds(): IterableIterator<string> {
    return this.bySample.keys();
  }

  /** The decision with this seq, or null. */
  decisionAt(seq: number): Decision | null {
    return this.bySeq.get(seq) ?? null;
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
