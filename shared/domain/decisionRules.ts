import { StudioError } from '../contract/channel';
import { answerOf, isPerson, type LabelBook } from './labelJournal';
import type { Decision, LabelState } from './records';

/** What an annotator asks for when they press a class key. */
export interface LabelIntent {
  sampleId: string;
  classId: string;
  annotator: string;
  /** The sample's version when they loaded it; unknown (the CLI): what they last decided on it. */
  basedOn?: number;
  /** The sample is one of the project's overlap samples: a second person's answer is wanted. */
  overlap: boolean;
}

/** The journal fields a label decision carries besides its states. */
export type LabelExtras = Pick<Decision, 'basedOn' | 'answer' | 'conflict' | 'secondOpinion'>;

/**
 * How a label lands. `relabel` sets the class (the author becomes the label's annotator);
 * `conflict` and `second-opinion` keep the label someone else gave and record this answer
 * beside it, so nothing anyone answered is ever replaced unseen.
 */
export type LabelPlan = { outcome: 'relabel' | 'conflict' | 'second-opinion'; after: LabelState; extras: LabelExtras };

/**
 * The rules of labeling together. A label made on an old version of a sample, where
 * another person has since answered differently, is a conflict: both answers are kept and
 * the sample waits for a reviewer. A reviewer's verdict is final, so a different answer
 * after it is a conflict too. On an overlap sample the second person's answer is a second
 * opinion: it never replaces the first, and a different one sends the sample to review.
 */
export function planLabel(book: LabelBook, intent: LabelIntent): LabelPlan {
  const { sampleId, classId, annotator } = intent;
  const before = book.stateOf(sampleId);
  const basedOn = intent.basedOn ?? book.lastSeenBy(sampleId, annotator);
  const answers = book.answersOf(sampleId);
  const others = answers.filter((a) => a.annotator !== annotator);

  if (intent.overlap && before.classId !== null && !before.reviewed && others.length === 1 && others.length === answers.length) {
    const agree = others[0].classId === classId;
    const after = agree ? before : { ...before, needsReview: before.needsReview ?? ('disagreement' as const) };
    return { outcome: 'second-opinion', after, extras: { basedOn, answer: classId, secondOpinion: true } };
  }

  // Only a label that would change what stands can replace anything.
  const changes = before.classId !== null && before.classId !== classId;
  const against = !changes ? null : before.reviewed ? finalDecisionOf(book, sampleId) : unseenDisagreement(book, intent, basedOn);
  if (against) {
    // The label stays with whoever gave it; a person revising their own label still moves it.
    const own = before.annotator === annotator && !before.reviewed;
    const after: LabelState = { ...before, ...(own ? { classId } : {}), needsReview: 'conflict' };
    const conflict = { seq: against.seq, annotator: against.annotator, classId: answerOf(against) };
    return { outcome: 'conflict', after, extras: { basedOn, answer: classId, conflict } };
  }
  return { outcome: 'relabel', after: { ...before, classId, skipped: false }, extras: { basedOn } };
}

/** Clearing a label someone else gave since you loaded the sample would drop their answer unseen: refused. */
export function checkClear(book: LabelBook, sampleId: string, annotator: string, basedOn?: number): void {
  const before = book.stateOf(sampleId);
  if (before.classId === null) return;
  if (before.reviewed) {
    throw new StudioError('conflict', `${before.reviewed.by} made the final decision on this image; it was not cleared.`, 'Ask a reviewer to change it.');
  }
  const since = unseenAnswers(book, sampleId, annotator, basedOn ?? book.lastSeenBy(sampleId, annotator)).at(-1);
  if (since) throw new StudioError('conflict', `${since.annotator} labeled this image since you loaded it; it was not cleared.`, 'Look at it again before changing it.');
}

/**
 * Undo reverts a decision only while it is the sample's current one: once someone else
 * decided on the sample after it, restoring what was before would silently drop theirs.
 * Returns that later decision (null: the undo may go ahead).
 */
export function undoBlocker(book: LabelBook, target: Decision): Decision | null {
  const current = book.currentDecisionOf(target.sampleId);
  return current && current.seq !== target.seq ? current : null;
}

/** Refused undo: says who changed the sample since, and keeps the decision that did. */
export class ChangedSinceError extends StudioError {
  constructor(
    readonly target: Decision,
    readonly since: Decision,
  ) {
    super('conflict', `${since.annotator} ${describe(since)} this image since your decision, so it was not undone.`, 'Open the image to see where it stands now.');
  }

  /** What a client is told (labels:undo's `changedSince`). */
  get details(): { seq: number; sampleId: string; by: string; kind: string; at: string; message: string } {
    return { seq: this.target.seq, sampleId: this.target.sampleId, by: this.since.annotator, kind: this.since.kind, at: this.since.at, message: this.message };
  }
}

function describe(decision: Decision): string {
  if (decision.final) return 'made the final decision on';
  if (decision.kind === 'label') return decision.conflict || decision.secondOpinion ? 'answered differently on' : 'relabeled';
  return { clear: 'cleared', skip: 'skipped', flag: 'flagged', unflag: 'unflagged', undo: 'changed', label: 'relabeled' }[decision.kind];
}

function unseenAnswers(book: LabelBook, sampleId: string, annotator: string, basedOn: number): Decision[] {
  return book.liveDecisionsOf(sampleId).filter((d) => d.seq > basedOn && d.kind === 'label' && d.annotator !== annotator && isPerson(d.annotator));
}

function unseenDisagreement(book: LabelBook, intent: LabelIntent, basedOn: number): Decision | null {
  return unseenAnswers(book, intent.sampleId, intent.annotator, basedOn).filter((d) => answerOf(d) !== intent.classId).at(-1) ?? null;
}

function finalDecisionOf(book: LabelBook, sampleId: string): Decision | null {
  return book.liveDecisionsOf(sampleId).findLast((d) => d.final === true) ?? null;
}
