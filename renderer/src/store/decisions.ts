import type { StudioErrorPayload } from '../../../shared/contract/channel';
import type { Decision } from '../../../shared/domain/records';
import type { LabelView } from '../../../shared/domain/labelViews';

/** What the annotator asked for; kept so a failed save can be sent again unchanged. */
export type DecisionRequest =
  /** `basedOn`: the image's version on screen, so a label over someone else's unseen one is a conflict, not a replacement. */
  | { kind: 'label'; classId: string; basedOn?: number; via?: LabelView }
  | { kind: 'skip' }
  | { kind: 'flag'; flagged: boolean; comment: string; via?: LabelView };

/**
 * Where one decision stands. A decision is shown as saved only once the studio answered
 * that it is durable; a failed one keeps its request so it can be retried, so nothing the
 * annotator did is lost.
 */
export type SaveState = 'pending' | 'saved' | 'failed' | 'undone';

/** One row of the "last decisions" list. */
export interface RecentDecision {
  /** Local key: decisions exist here before the studio gives them a `seq`. */
  key: string;
  sampleId: string;
  kind: Decision['kind'];
  classId: string | null;
  comment: string;
  annotator: string;
  at: string;
  seconds: number;
  save: SaveState;
  seq: number | null;
  error: StudioErrorPayload | null;
  request: DecisionRequest | null;
  /** Saved as a conflict: someone else's answer stands, both are kept, a reviewer decides. */
  conflict: { annotator: string; classId: string | null } | null;
  /** Saved as a second opinion on an overlap image (the first answer stays the label). */
  secondOpinion: boolean;
  /** A reviewer's final decision. */
  final: boolean;
  /** Undo was refused: this person decided on the image since, so it cannot be undone any more. */
  changedBy: string | null;
}

/** How many decisions the list shows; pending and failed ones are never dropped. */
export const recentLimit = 20;

export function pendingDecision(input: {
  key: string;
  sampleId: string;
  request: DecisionRequest;
  annotator: string;
  at: string;
  seconds: number;
}): RecentDecision {
  const { request } = input;
  return {
    key: input.key,
    sampleId: input.sampleId,
    kind: request.kind === 'flag' ? (request.flagged ? 'flag' : 'unflag') : request.kind,
    classId: request.kind === 'label' ? request.classId : null,
    comment: request.kind === 'flag' ? request.comment : '',
    annotator: input.annotator,
    at: input.at,
    seconds: input.seconds,
    save: 'pending',
    seq: null,
    error: null,
    request,
    ...settledAs(null),
  };
}

/** The conflict, second-opinion and final marks of a saved decision (none before it is saved). */
function settledAs(saved: Decision | null): Pick<RecentDecision, 'conflict' | 'secondOpinion' | 'final' | 'changedBy'> {
  return {
    conflict: saved?.conflict ? { annotator: saved.conflict.annotator, classId: saved.conflict.classId } : null,
    secondOpinion: saved?.secondOpinion === true,
    final: saved?.final === true,
    changedBy: null,
  };
}

/** Newest first; trims settled decisions past the limit. */
export function addDecision(list: readonly RecentDecision[], decision: RecentDecision): RecentDecision[] {
  return trim([decision, ...list]);
}

export function markSaved(list: readonly RecentDecision[], key: string, saved: Decision): RecentDecision[] {
  return trim(list.map((d) => (d.key === key ? { ...d, save: 'saved' as const, seq: saved.seq, at: saved.at, error: null, ...settledAs(saved) } : d)));
}

export function markFailed(list: readonly RecentDecision[], key: string, error: StudioErrorPayload): RecentDecision[] {
  return list.map((d) => (d.key === key && d.save === 'pending' ? { ...d, save: 'failed', error } : d));
}

export function markRetrying(list: readonly RecentDecision[], key: string): RecentDecision[] {
  return list.map((d) => (d.key === key && d.save === 'failed' ? { ...d, save: 'pending', error: null } : d));
}

/** The studio reverted decision `seq` (or a failed one was discarded locally by its key). */
export function markUndone(list: readonly RecentDecision[], match: { seq?: number; key?: string }): RecentDecision[] {
  return list.map((d) =>
    (match.seq !== undefined && d.seq === match.seq) || (match.key !== undefined && d.key === match.key)
      ? { ...d, save: 'undone', error: null }
      : d,
  );
}

/** Undo was refused for decision `seq`: `by` decided on that image since. */
export function markChangedBy(list: readonly RecentDecision[], seq: number, by: string): RecentDecision[] {
  return list.map((d) => (d.seq === seq ? { ...d, changedBy: by } : d));
}

/**
 * What Undo should do: the newest live decision failed to save → discard it here (the
 * studio never stored it); a saved one → ask the studio to undo exactly it; none in the list
 * → ask the studio, which knows decisions older than this list. Decisions someone else has
 * changed since are passed over: they can no longer be undone.
 */
export function planUndo(list: readonly RecentDecision[]): { kind: 'discard'; decision: RecentDecision } | { kind: 'server'; seq?: number } {
  const newest = list.find((d) => d.save !== 'undone' && d.changedBy === null);
  if (newest?.save === 'failed') return { kind: 'discard', decision: newest };
  return newest?.seq ? { kind: 'server', seq: newest.seq } : { kind: 'server' };
}

/** The list rebuilt from the studio's history (newest first): undo entries and what they undid drop out. */
export function decisionsFromHistory(history: readonly Decision[]): RecentDecision[] {
  const undone = new Set(history.filter((d) => d.kind === 'undo' && d.undoes).map((d) => d.undoes));
  return history
    .filter((d) => d.kind !== 'undo' && !undone.has(d.seq))
    .slice(0, recentLimit)
    .map((d) => ({
      key: `seq-${d.seq}`,
      sampleId: d.sampleId,
      kind: d.kind,
      classId: d.answer ?? d.after.classId,
      comment: d.after.flag?.comment ?? '',
      annotator: d.annotator,
      at: d.at,
      seconds: d.seconds,
      save: 'saved' as const,
      seq: d.seq,
      error: null,
      request: null,
      ...settledAs(d),
    }));
}

/** For the status line: how many decisions wait for the disk, and how many failed. */
export function saveSummary(list: readonly RecentDecision[]): { pending: number; failed: number } {
  let pending = 0;
  let failed = 0;
  for (const d of list) {
    if (d.save === 'pending') pending += 1;
    else if (d.save === 'failed') failed += 1;
  }
  return { pending, failed };
}

/** Sample ids whose decision has not reached the studio yet: the queue must not offer them again. */
export function unsavedSampleIds(list: readonly RecentDecision[]): string[] {
  return list.filter((d) => d.save === 'pending' || d.save === 'failed').map((d) => d.sampleId);
}

function trim(list: RecentDecision[]): RecentDecision[] {
  let settled = 0;
  return list.filter((d) => {
    if (d.save === 'pending' || d.save === 'failed') return true;
    settled += 1;
    return settled <= recentLimit;
  });
}
