import { join } from 'node:path';
import { StudioError } from '../../../shared/contract/channel';
import { LabelBook, journalEntrySchema, type ClassChange, type JournalEntry } from '../../../shared/domain/labelJournal';
import { ChangedSinceError, checkClear, planLabel, undoBlocker, type LabelExtras } from '../../../shared/domain/decisionRules';
import type { Decision, DecisionKind, LabelState } from '../../../shared/domain/records';
import { AppendJournal } from '../storage/AppendJournal';
import { projectFiles } from '../project/documents';

const parseEntry = (json: unknown): JournalEntry => journalEntrySchema.parse(json) as JournalEntry;

export interface DecisionMeta {
  annotator: string;
  seconds: number;
}

/** A label or clear also says which version of the sample it was made on (see decisionRules). */
export interface LabelMeta extends DecisionMeta {
  /** The sample's version when the annotator loaded it; omitted: what they last decided on it. */
  basedOn?: number;
  /** The sample is an overlap sample: a second person's label is a second opinion. */
  overlap?: boolean;
}

/**
 * Every label decision, appended to labels.jsonl and acknowledged only once fsync'd. The
 * journal is the source of truth; the in-memory `LabelBook` is folded from it on open.
 * Methods resolve after the decision is durable; a failed write reloads the book from disk
 * so memory never claims a label the disk does not hold.
 */
export class LabelStore {
  private nextSeq: number;

  private constructor(
    private readonly path: string,
    private journal: AppendJournal<JournalEntry> | null,
    public book: LabelBook,
  ) {
    this.nextSeq = book.lastSeq + 1;
  }

  static async open(dir: string, readOnly: boolean): Promise<LabelStore> {
    const path = join(dir, projectFiles.labels);
    const { journal, entries, notices } = readOnly
      ? { journal: null, ...(await AppendJournal.read(path, parseEntry)) }
      : await AppendJournal.open(path, parseEntry).then((opened) => ({ ...opened, notices: opened.journal.notices }));
    const book = new LabelBook();
    for (const entry of entries) book.apply(entry);
    const store = new LabelStore(path, journal, book);
    store.notices = notices;
    return store;
  }

  notices: AppendJournal<JournalEntry>['notices'] = [];

  stateOf(sampleId: string): LabelState {
    return this.book.stateOf(sampleId);
  }

  /**
   * Labels a sample, by the rules of labeling together (decisionRules): the answer is a
   * relabel, or a conflict or second opinion kept beside the label that stands.
   */
  setClass(sampleId: string, classId: string, meta: LabelMeta): Promise<Decision> {
    const plan = planLabel(this.book, { sampleId, classId, annotator: meta.annotator, basedOn: meta.basedOn, overlap: meta.overlap ?? false });
    return this.decide('label', sampleId, plan.after, meta, { extras: plan.extras, author: plan.outcome === 'relabel' });
  }

  /** A reviewer's verdict: the final label, which clears the flag and the need for review. */
  review(sampleId: string, classId: string, meta: LabelMeta): Promise<Decision> {
    const before = this.stateOf(sampleId);
    const basedOn = meta.basedOn ?? this.book.lastSeenBy(sampleId, meta.annotator);
    const verdict = this.book.liveDecisionsOf(sampleId).findLast((d) => d.final === true);
    if (verdict && verdict.seq > basedOn && verdict.annotator !== meta.annotator) {
      throw new StudioError('conflict', `${verdict.annotator} reviewed this image since you loaded it; your verdict was not recorded.`, 'Look at their decision first.');
    }
    const { needsReview: _pending, ...rest } = before;
    const after: LabelState = { ...rest, classId, skipped: false, flag: null, reviewed: { by: meta.annotator, at: new Date().toISOString() } };
    return this.decide('label', sampleId, after, meta, { extras: { basedOn, final: true }, author: true });
  }

  async clear(sampleId: string, meta: LabelMeta): Promise<Decision> {
    checkClear(this.book, sampleId, meta.annotator, meta.basedOn);
    return this.decide('clear', sampleId, { ...this.stateOf(sampleId), classId: null }, meta);
  }

  skip(sampleId: string, meta: DecisionMeta): Promise<Decision> {
    return this.decide('skip', sampleId, { ...this.stateOf(sampleId), skipped: true }, meta);
  }

  flag(sampleId: string, flagged: boolean, comment: string, meta: DecisionMeta): Promise<Decision> {
    const flag = flagged ? { comment, by: meta.annotator, at: new Date().toISOString() } : null;
    return this.decide(flagged ? 'flag' : 'unflag', sampleId, { ...this.stateOf(sampleId), flag }, meta);
  }

  /**
   * Reverts the annotator's decision `seq` (default: their latest not yet undone), only
   * while it is still the sample's current decision; otherwise throws ChangedSinceError,
   * which says who changed the sample since. Null when there is nothing to undo.
   */
  async undo(annotator: string, seq?: number): Promise<Decision | null> {
    const target = seq === undefined ? this.book.lastUndoable(annotator) : this.book.decisionAt(seq);
    if (!target) {
      if (seq === undefined) return null;
      throw new StudioError('not-found', `There is no decision ${seq} in this project.`);
    }
    if (target.annotator !== annotator || target.kind === 'undo' || this.book.isUndone(target.seq)) {
      throw new StudioError('invalid-request', `Decision ${target.seq} is not one of ${annotator}'s decisions that can be undone.`);
    }
    const since = undoBlocker(this.book, target);
    if (since) throw new ChangedSinceError(target, since);
    return this.decide('undo', target.sampleId, this.book.resolve(target.before), { annotator, seconds: 0 }, { undoes: target.seq });
  }

  async changeClass(kind: ClassChange['kind'], classId: string, into: string | null, annotator: string): Promise<void> {
    const change: ClassChange = { seq: this.nextSeq++, kind, classId, into, annotator, at: new Date().toISOString() };
    await this.commit(change);
  }

  async close(): Promise<void> {
    await this.journal?.close();
    this.journal = null;
  }

  private async decide(
    kind: DecisionKind,
    sampleId: string,
    after: LabelState,
    meta: DecisionMeta,
    options: { undoes?: number; extras?: LabelExtras & Pick<Decision, 'final'>; author?: boolean } = {},
  ): Promise<Decision> {
    const at = new Date().toISOString();
    // An undo restores a state as it was; a conflict or second opinion leaves the label's author.
    const authored = kind !== 'undo' && options.author !== false;
    const decision: Decision = {
      seq: this.nextSeq++,
      kind,
      sampleId,
      annotator: meta.annotator,
      at,
      seconds: Math.round(meta.seconds * 1000) / 1000,
      before: this.stateOf(sampleId),
      after: authored ? { ...after, annotator: meta.annotator, at } : after,
      ...(options.undoes ? { undoes: options.undoes } : {}),
      ...options.extras,
    };
    await this.commit(decision);
    return decision;
  }

  private async commit(entry: JournalEntry): Promise<void> {
    if (!this.journal) throw new StudioError('conflict', 'The project is open read-only; labels cannot change.');
    this.book.apply(entry); // visible at once so the next decision sees it as `before`
    try {
      await this.journal.append(entry);
    } catch (error) {
      await this.reload();
      throw new StudioError('io', `The label could not be saved: ${(error as Error).message}`, 'Check free disk space and that the project folder is writable.');
    }
  }

  private async reload(): Promise<void> {
    const { journal, entries } = await AppendJournal.open(this.path, parseEntry);
    await this.journal?.close().catch(() => undefined);
    this.journal = journal;
    this.book = new LabelBook();
    for (const entry of entries) this.book.apply(entry);
    this.nextSeq = this.book.lastSeq + 1;
  }
}
