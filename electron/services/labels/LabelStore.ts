import { join } from 'node:path';
import { StudioError } from '../../../shared/contract/channel';
import { LabelBook, journalEntrySchema, type ClassChange, type JournalEntry } from '../../../shared/domain/labelJournal';
import type { Decision, DecisionKind, LabelState } from '../../../shared/domain/records';
import type { LabelView } from '../../../shared/domain/labelViews';
import { AppendJournal } from '../storage/AppendJournal';
import { projectFiles } from '../project/documents';

const parseEntry = (json: unknown): JournalEntry => journalEntrySchema.parse(json) as JournalEntry;

export interface DecisionMeta {
  annotator: string;
  seconds: number;
  /** When the decision was made, if not now: a label restored from an exported labels file. */
  at?: string;
  /** Where the decision was made, when not in the labeling queue. */
  via?: LabelView;
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

  setClass(sampleId: string, classId: string, meta: DecisionMeta): Promise<Decision> {
    const before = this.stateOf(sampleId);
    return this.decide('label', sampleId, { ...before, classId, skipped: false }, meta);
  }

  clear(sampleId: string, meta: DecisionMeta): Promise<Decision> {
    return this.decide('clear', sampleId, { ...this.stateOf(sampleId), classId: null }, meta);
  }

  skip(sampleId: string, meta: DecisionMeta): Promise<Decision> {
    return this.decide('skip', sampleId, { ...this.stateOf(sampleId), skipped: true }, meta);
  }

  flag(sampleId: string, flagged: boolean, comment: string, meta: DecisionMeta): Promise<Decision> {
    const flag = flagged ? { comment, by: meta.annotator, at: meta.at ?? new Date().toISOString() } : null;
    return this.decide(flagged ? 'flag' : 'unflag', sampleId, { ...this.stateOf(sampleId), flag }, meta);
  }

  /** Reverts the annotator's latest decision not yet undone; null when there is none. */
  async undo(annotator: string): Promise<Decision | null> {
    const target = this.book.lastUndoable(annotator);
    if (!target) return null;
    return this.decide('undo', target.sampleId, this.book.resolve(target.before), { annotator, seconds: 0 }, target.seq);
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
    undoes?: number,
  ): Promise<Decision> {
    const at = meta.at ?? new Date().toISOString();
    const decision: Decision = {
      seq: this.nextSeq++,
      kind,
      sampleId,
      annotator: meta.annotator,
      at,
      seconds: Math.round(meta.seconds * 1000) / 1000,
      before: this.stateOf(sampleId),
      after: kind === 'undo' ? after : { ...after, annotator: meta.annotator, at },
      ...(undoes ? { undoes } : {}),
      ...(meta.via ? { via: meta.via } : {}),
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
