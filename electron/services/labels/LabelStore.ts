import { join } from 'node:path';
import { StudioError } from '../../../shared/contract/channel';
import { LabelBook, journalEntrySchema, type ClassChange, type JournalEntry } from '../../../shared/domain/labelJournal';
import { ChangedSinceError, checkClear, planLabel, undoBlocker, type LabelExtras } from '../../../shared/domain/decisionRules';
import type { Decision, DecisionKind, LabelState } from '../../../shared/domain/records';
import type { LabelView } from '../../../shared/domain/labelViews';
import { AppendJournal, type JournalOptions } from '../storage/AppendJournal';
import { failedWrite } from '../storage/storageErrors';
import { projectFiles } from '../project/documents';
import type { JournalLoss, JournalOpenOptions } from '../project/SampleIndex';
import type { Notice } from '../../../shared/contract/schemas';

const parseEntry = (json: unknown): JournalEntry => journalEntrySchema.parse(json) as JournalEntry;

export interface DecisionMeta {
  annotator: string;
  seconds: number;
  /** When the decision was made, if not now: a label restored from an exported labels file. */
  at?: string;
  /** Where the decision was made, when not in the labeling queue. */
  via?: LabelView;
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
 * Methods resolve after the decision is durable; a failed write (the journal cuts itself back
 * to its last durable record) rebuilds the book from disk, so memory never claims a label the
 * disk does not hold.
 */
export class LabelStore {
  private nextSeq: number;
  /** Set while the book is rebuilt after a failed write; new decisions wait for it. */
  private recovering: Promise<void> | null = null;
  notices: Notice[] = [];
  loss: JournalLoss = null;
  private readRecords = 0;

  private constructor(
    private journal: AppendJournal<JournalEntry> | null,
    public book: LabelBook,
  ) {
    this.nextSeq = book.lastSeq + 1;
  }

  static async open(dir: string, options: JournalOpenOptions): Promise<LabelStore> {
    const path = join(dir, projectFiles.labels);
    const journalOptions: JournalOptions<JournalEntry> = { parse: parseEntry, label: projectFiles.labels, ...options };
    const opened = options.readOnly
      ? { journal: null, ...(await AppendJournal.read(path, journalOptions)) }
      : await AppendJournal.open(path, journalOptions).then((o) => ({ ...o, notices: o.journal.notices, count: 0, short: o.journal.loss }));
    const book = new LabelBook();
    for (const entry of opened.entries) book.apply(entry);
    const store = new LabelStore(opened.journal, book);
    store.notices = opened.notices;
    store.loss = opened.short;
    store.readRecords = opened.count;
    return store;
  }

  /** Records in labels.jsonl that are durable (what studio.json may promise). */
  get records(): number {
    return this.journal ? this.journal.count : this.readRecords;
  }

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
    const flag = flagged ? { comment, by: meta.annotator, at: meta.at ?? new Date().toISOString() } : null;
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
    const at = meta.at ?? new Date().toISOString();
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
      ...(meta.via ? { via: meta.via } : {}),
    };
    await this.commit(decision);
    return decision;
  }

  private async commit(entry: JournalEntry): Promise<void> {
    if (!this.journal) throw new StudioError('conflict', 'The project is open read-only; labels cannot change.');
    const outcome = { notSaved: 'sampleId' in entry ? `This ${entry.kind} was not saved.` : 'The class change was not saved.', saved: 'Every label shown as saved before it is safe.' };
    if (this.recovering) {
      // Built on the state before the failed write was undone: it must not be saved.
      await this.recovering.catch(() => undefined);
      throw failedWrite(this.lastFailure, outcome);
    }
    this.book.apply(entry); // visible at once so the next decision sees it as `before`
    try {
      await this.journal.append(entry);
    } catch (error) {
      this.lastFailure = error;
      this.recovering ??= this.reload().finally(() => {
        this.recovering = null;
      });
      await this.recovering.catch(() => undefined);
      throw failedWrite(error, outcome);
    }
  }

  private lastFailure: unknown = null;

  /** Rebuilds the book from the durable records after a failed write. */
  private async reload(): Promise<void> {
    const journal = this.journal!;
    const entries = await journal.readBack();
    const book = new LabelBook();
    for (const entry of entries) book.apply(entry);
    this.book = book;
    this.nextSeq = book.lastSeq + 1;
    journal.resume();
  }
}
