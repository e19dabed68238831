import type { SampleRow } from '../../../shared/contract/samples';
import type { LabelView } from '../../../shared/domain/labelViews';
import { addDecision, decisionsFromHistory, markChangedBy, markFailed, markRetrying, markSaved, markUndone, pendingDecision, planUndo, unsavedSampleIds, type DecisionRequest, type RecentDecision } from './decisions';
import { sendDecision, withLabel } from './decisionRequests';
import { settleMove } from './labelingMove';
import { advance, bringBack, emptyQueue, versionFirstSeen, goBack, goForward, heldIds, mergeFetched, needsRefill, refillCount, replaceAhead, rescoreExclude, secondsOnItem, suggestionOf, upcomingIds, type QueueView } from './labelingQueue';
import { sameData } from './sameData';
import { labelingLeases } from './labelingLeases';
import type { Slice } from './types';

/**
 * How many upcoming items have their rows and images ready before they are needed. Five
 * left about one image in ten still loading when its key was pressed at full speed on a
 * busy 2-core machine (10,000 images, a retrain running); ten leaves about one in a hundred.
 */
export const prefetchDepth = 10;

export interface LabelingState extends QueueView {
  queueStatus: 'idle' | 'loading' | 'ready' | 'empty' | 'error';
  /** When the current image was painted: time spent is measured from here. */
  shown: { sampleId: string; at: number } | null;
  decisions: RecentDecision[];
  rows: Record<string, SampleRow>;
  overlay: 'none' | 'help' | 'flag';
  guidelinesOpen: boolean;
  /** A sample opened from another view (the gallery, failure cases): its decisions say where it was picked. */
  revisit?: { sampleId: string; via: LabelView } | null;
}

export interface LabelingSlice {
  labeling: LabelingState;
  startLabeling(): Promise<void>;
  loadHistory(): Promise<void>;
  refillQueue(): Promise<void>;
  /** The model retrained and the queue was rescored: refetch the items ahead, never the one on screen. */
  rescoreQueue(): Promise<void>;
  markShown(sampleId: string): void;
  labelCurrent(classId: string): void;
  acceptSuggestion(): void;
  skipCurrent(): void;
  openFlagPrompt(): void;
  flagCurrent(comment: string): void;
  unflagCurrent(): void;
  closeOverlay(): void;
  toggleHelp(): void;
  toggleGuidelines(): void;
  undoLast(): Promise<void>;
  goBack(): void;
  goForward(): void;
  /** Brings a sample on screen (from the history, the gallery or an undo); `via` names the view it was picked in. */
  openSample(sampleId: string, via?: LabelView): void;
  retryDecision(key: string): void;
  refreshCurrentRow(): Promise<void>;
  /**
   * Renews the leases on the images this tab shows and holds (sent every minute while the
   * labeling view is visible); images someone else now holds leave the queue ahead.
   */
  holdLeases(): Promise<void>;
  /** Gives every image this tab holds back to the queue, e.g. before the annotator's name changes. */
  releaseLeases(annotator?: string): Promise<void>;
  resetLabeling(): void;
}

const initial: LabelingState = { ...emptyQueue, queueStatus: 'idle', shown: null, decisions: [], rows: {}, overlay: 'none', guidelinesOpen: false, revisit: null };

export const createLabelingSlice: Slice<LabelingSlice> = (set, get, deps) => {
  const { api } = deps;
  const inflight = new Map<string, Promise<void>>();
  const rowsLoading = new Set<string>();
  let epoch = 0;
  let fetching = false;
  let fetchAgain = false;
  let rescoreAgain = false;
  let undoing: Promise<void> = Promise.resolve();

  const labeling = () => get().labeling;
  const patch = (change: Partial<LabelingState> | ((l: LabelingState) => Partial<LabelingState>)): void =>
    set((s) => ({ labeling: { ...s.labeling, ...(typeof change === 'function' ? change(s.labeling) : change) } }));
  const queueOf = (l: LabelingState): QueueView => ({ current: l.current, ahead: l.ahead, trail: l.trail });

  const send = (entry: RecentDecision): void => {
    const started = epoch;
    const done = sendDecision(api, entry).then((result) => {
      if (started !== epoch) return;
      if (result.ok) {
        patch((l) => ({ decisions: markSaved(l.decisions, entry.key, result.value), rows: withLabel(l.rows, entry.sampleId, result.value.after, result.value.seq) }));
        const conflict = result.value.conflict;
        if (conflict) {
          const theirs = get().classes.find((c) => c.id === conflict.classId)?.name ?? 'another class';
          get().notify('info', `Conflict: ${conflict.annotator} labeled this image ${theirs} before you. Both answers are kept; a reviewer decides.`);
        }
      } else {
        patch((l) => ({ decisions: markFailed(l.decisions, entry.key, result.error) }));
        get().showError(result.error, 'A label was not saved');
      }
    });
    inflight.set(entry.key, done);
    void done.finally(() => inflight.delete(entry.key));
  };

  const loadRows = (ids: readonly string[], force = false): void => {
    for (const id of ids) {
      if ((!force && labeling().rows[id]) || rowsLoading.has(id)) continue;
      rowsLoading.add(id);
      const started = epoch;
      void api.samples.get({ id }).then((result) => {
        rowsLoading.delete(id);
        if (started !== epoch) return;
        // A refreshed row that did not change is dropped: the image on screen stays as it is.
        if (result.ok) {
          const row = result.value.sample;
          if (!sameData(labeling().rows[id], row)) patch((l) => ({ rows: { ...l.rows, [id]: row }, ...versionFirstSeen(queueOf(l), id, row.version) }));
        } else if (id === labeling().current?.sampleId) get().showError(result.error, 'This image');
      });
    }
  };

  /**
   * Moves the queue in one store update (so one render), then fetches what the move needs:
   * the row on screen at once (its size places the image); the rows and items further ahead
   * once the new image is painted, unless nothing is on screen and the annotator is waiting.
   */
  const moveQueue = (change: (l: LabelingState) => Partial<LabelingState>): void => {
    patch((l) => settleMove({ ...l, ...change(l) }));
    const current = labeling().current;
    if (!current) return void get().refillQueue();
    loadRows([current.sampleId]);
    const started = epoch;
    deps.afterPaint(() => {
      if (started !== epoch) return;
      loadRows(upcomingIds(queueOf(labeling()), prefetchDepth));
      void get().refillQueue();
    });
  };

  /** What the request says besides the answer: the image's version on screen (a label) and the view it was opened from. */
  const withContext = (request: DecisionRequest, l: LabelingState): DecisionRequest => {
    const item = l.current!;
    const basedOn = item.version ?? l.rows[item.sampleId]?.version;
    const via = l.revisit?.sampleId === item.sampleId ? l.revisit.via : undefined;
    if (request.kind === 'label') return { ...request, ...(basedOn !== undefined ? { basedOn } : {}), ...(via ? { via } : {}) };
    return via && request.kind === 'flag' ? { ...request, via } : request;
  };

  const decide = (request: DecisionRequest, move: boolean): void => {
    const l = labeling();
    const item = l.current;
    if (!item) return;
    const entry = pendingDecision({
      key: deps.newId(),
      sampleId: item.sampleId,
      request: withContext(request, l),
      annotator: get().annotator,
      at: deps.wallClock().toISOString(),
      seconds: secondsOnItem(l.shown, item.sampleId, deps.now()),
    });
    moveQueue((s) => ({ decisions: addDecision(s.decisions, entry), overlay: 'none', ...(move ? advance(queueOf(s)) : {}) }));
    send(entry);
  };

  /** One queue request at a time: what was asked for meanwhile runs next, a rescore first. */
  const afterFetch = (): void => {
    if (rescoreAgain) {
      rescoreAgain = false;
      fetchAgain = false;
      void get().rescoreQueue();
    } else if (fetchAgain) {
      fetchAgain = false;
      void get().refillQueue();
    }
  };

  const move = (change: (q: QueueView) => QueueView): void => moveQueue((l) => change(queueOf(l)));

  const annotatorOf = (): string | undefined => get().annotator || undefined;
  const leases = labelingLeases(api, get, () => queueOf(labeling()), (taken) => patch((l) => ({ ahead: l.ahead.filter((i) => !taken.has(i.sampleId)) })));
  const { hold, release } = leases;

  return {
    labeling: initial,

    async startLabeling() {
      patch({ queueStatus: 'loading' });
      await Promise.all([get().loadHistory(), get().refillQueue()]);
    },

    async loadHistory() {
      const started = epoch;
      const result = await api.labels.history({ limit: 60, annotator: get().annotator || undefined });
      if (started !== epoch) return;
      if (!result.ok) return get().showError(result.error, 'Recent decisions');
      patch((l) => {
        const unsaved = l.decisions.filter((d) => d.save === 'pending' || d.save === 'failed');
        const saved = decisionsFromHistory(result.value).filter((d) => !unsaved.some((u) => u.seq === d.seq));
        return { decisions: [...unsaved, ...saved] };
      });
    },

    async refillQueue() {
      if (!get().project) return;
      if (fetching) {
        fetchAgain = true;
        return;
      }
      const l = labeling();
      if (l.current && !needsRefill(queueOf(l))) return;
      fetching = true;
      const started = epoch;
      const unsaved = unsavedSampleIds(l.decisions);
      const result = await api.queue.next({ count: refillCount, exclude: heldIds(queueOf(l), unsaved), annotator: annotatorOf() });
      fetching = false;
      if (started !== epoch) return;
      if (result.ok) {
        const dry = !labeling().current && result.value.length === 0 && unsaved.length > 0;
        if (dry) {
          // Only images still being saved were held back (a skipped one may come round
          // again): ask once more when they have landed, before saying the queue is empty.
          await Promise.allSettled([...inflight.values()]);
          if (started === epoch) fetchAgain = true;
        }
        patch((s) => {
          const q = mergeFetched(queueOf(s), result.value, unsavedSampleIds(s.decisions));
          return { ...q, queueStatus: q.current ? 'ready' : dry ? 'loading' : 'empty' };
        });
        const now = labeling();
        loadRows([...(now.current ? [now.current.sampleId] : []), ...upcomingIds(queueOf(now), prefetchDepth)]);
      } else {
        get().showError(result.error, 'The next images');
        patch((s) => ({ queueStatus: s.current ? 'ready' : 'error' }));
      }
      afterFetch();
    },

    async rescoreQueue() {
      if (!get().project) return;
      if (fetching) {
        rescoreAgain = true;
        return;
      }
      fetching = true;
      const started = epoch;
      const unsaved = unsavedSampleIds(labeling().decisions);
      const result = await api.queue.next({ count: refillCount, exclude: rescoreExclude(queueOf(labeling()), unsaved), annotator: annotatorOf() });
      fetching = false;
      if (started !== epoch) return;
      if (result.ok) {
        const before = labeling().ahead.map((i) => i.sampleId);
        patch((s) => {
          const q = replaceAhead(queueOf(s), result.value, unsavedSampleIds(s.decisions));
          return { ...q, queueStatus: q.current ? 'ready' : 'empty' };
        });
        // What the fresh order dropped goes back to the queue for the others.
        const kept = new Set(heldIds(queueOf(labeling()), []));
        release(before.filter((id) => !kept.has(id)));
        const now = labeling();
        loadRows([...(now.current ? [now.current.sampleId] : []), ...upcomingIds(queueOf(now), prefetchDepth)]);
      } else get().showError(result.error, 'The rescored queue');
      afterFetch();
    },

    markShown(sampleId) {
      patch({ shown: { sampleId, at: deps.now() } });
    },

    labelCurrent: (classId) => decide({ kind: 'label', classId }, true),
    acceptSuggestion() {
      const top = suggestionOf(labeling().current)[0];
      if (top && get().classes.some((c) => c.id === top.classId)) decide({ kind: 'label', classId: top.classId }, true);
    },
    skipCurrent: () => decide({ kind: 'skip' }, true),
    openFlagPrompt() {
      if (labeling().current) patch({ overlay: 'flag' });
    },
    flagCurrent: (comment) => decide({ kind: 'flag', flagged: true, comment: comment.trim() }, true),
    unflagCurrent: () => decide({ kind: 'flag', flagged: false, comment: '' }, false),
    closeOverlay: () => patch({ overlay: 'none' }),
    toggleHelp: () => patch((l) => ({ overlay: l.overlay === 'help' ? 'none' : 'help' })),
    toggleGuidelines: () => patch((l) => ({ guidelinesOpen: !l.guidelinesOpen })),

    undoLast() {
      // One undo at a time, each after the saves before it have landed, so it reverts the right decision.
      undoing = undoing.then(async () => {
        await Promise.allSettled([...inflight.values()]);
        const plan = planUndo(labeling().decisions);
        if (plan.kind === 'discard') {
          return moveQueue((l) => ({ decisions: markUndone(l.decisions, { key: plan.decision.key }), ...bringBack(queueOf(l), plan.decision.sampleId) }));
        }
        const started = epoch;
        const result = await api.labels.undo({ annotator: annotatorOf(), ...(plan.seq ? { seq: plan.seq } : {}) });
        if (started !== epoch) return;
        if (!result.ok) return get().showError(result.error, 'Undo failed');
        const { undo, changedSince } = result.value;
        if (changedSince) {
          // Someone decided on that image since: their decision stays; the next undo goes further back.
          patch((l) => ({ decisions: markChangedBy(l.decisions, changedSince.seq, changedSince.by) }));
          return get().notify('info', changedSince.message);
        }
        if (!undo) return get().notify('info', 'Nothing to undo.');
        moveQueue((l) => ({
          decisions: markUndone(l.decisions, { seq: undo.undoes }),
          rows: withLabel(l.rows, undo.sampleId, undo.after, undo.seq),
          overlay: 'none',
          ...bringBack(queueOf(l), undo.sampleId),
        }));
        hold([undo.sampleId]);
      });
      return undoing;
    },

    goBack: () => move(goBack),
    goForward: () => move(goForward),
    openSample(sampleId, via) {
      moveQueue((l) => ({ ...bringBack(queueOf(l), sampleId), overlay: 'none', revisit: via ? { sampleId, via } : l.revisit?.sampleId === sampleId ? null : l.revisit }));
      loadRows([sampleId], true);
      hold([sampleId]);
      get().setView('label');
    },

    retryDecision(key) {
      const entry = labeling().decisions.find((d) => d.key === key && d.save === 'failed');
      if (!entry) return;
      patch((l) => ({ decisions: markRetrying(l.decisions, key) }));
      send(entry);
    },

    async refreshCurrentRow() {
      const id = labeling().current?.sampleId;
      if (id) loadRows([id], true);
    },

    holdLeases: () => leases.renew(),
    releaseLeases: (annotator) => leases.releaseAll(annotator),

    resetLabeling() {
      epoch += 1;
      fetching = false;
      fetchAgain = false;
      rescoreAgain = false;
      rowsLoading.clear();
      set({ labeling: initial });
    },
  };
};
