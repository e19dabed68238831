import { buildApi, contract, type EventName, type Listener, type RequestName, type Transport } from '../../../shared/contract';
import type { Result } from '../../../shared/contract/channel';
import type { ProjectSummary } from '../../../shared/contract/project';
import type { QueueItem } from '../../../shared/contract/queue';
import type { SampleRow } from '../../../shared/contract/samples';
import { emptyLabelState, type Decision, type LabelState } from '../../../shared/domain/records';
import { createStudioStore } from '../../../renderer/src/store';
import type { AnnotatorMemory } from '../../../renderer/src/store/deps';

/**
 * The network edge, faked: an in-memory studio behind the real contract (`buildApi`), whose
 * label saves can be held back or failed so tests see what the user sees meanwhile.
 */
export function fakeStudio(sampleIds: string[], options: { queue?: (ids: string[]) => QueueItem[]; framesByHand?: boolean; annotatorMemory?: AnnotatorMemory } = {}) {
  const calls: { channel: string; request: any }[] = [];
  const states = new Map<string, LabelState>();
  const decisions: Decision[] = [];
  let seq = 0;
  let holdSaves = false;
  let failNext: string | null = null;
  const held: (() => void)[] = [];
  const listeners = new Map<string, Set<Listener<unknown>>>();

  const row = (id: string): SampleRow => ({
    id,
    fileName: `${id}.png`,
    relativePath: `${id}.png`,
    path: `/images/${id}.png`,
    split: 'train',
    width: 64,
    height: 48,
    importedLabel: null,
    label: states.get(id) ?? emptyLabelState,
  });

  const decide = (request: any, kind: Decision['kind'], after: Partial<LabelState>): Promise<Result<Decision>> => {
    const answer = (): Result<Decision> => {
      if (failNext) {
        const message = failNext;
        failNext = null;
        return { ok: false, error: { code: 'io', message } };
      }
      const before = states.get(request.sampleId) ?? emptyLabelState;
      const decision: Decision = { seq: ++seq, kind, sampleId: request.sampleId, annotator: request.annotator ?? 'host', at: new Date(0).toISOString(), seconds: request.seconds ?? 0, before, after: { ...before, ...after } };
      states.set(request.sampleId, decision.after);
      decisions.push(decision);
      return { ok: true, value: decision };
    };
    if (!holdSaves) return Promise.resolve(answer());
    return new Promise((resolve) => held.push(() => resolve(answer())));
  };

  const handlers: Partial<Record<RequestName, (request: any) => Promise<Result<unknown>>>> = {
    'queue:next': async ({ count = 20, exclude = [] }) => {
      const open = sampleIds.filter((id) => !exclude.includes(id) && !(states.get(id)?.classId ?? null));
      const items: QueueItem[] = options.queue
        ? options.queue(open).slice(0, count)
        : open.slice(0, count).map((sampleId) => ({ sampleId, reason: { strategy: 'import-order', score: null, note: 'next unlabeled image' }, heldOut: false, top: [] }));
      return { ok: true, value: items };
    },
    'samples:list': async ({ offset = 0, limit = 200, filter = { status: 'all' } }) => {
      const matching = sampleIds.filter((id) => filter.status !== 'unlabeled' || !(states.get(id)?.classId ?? null));
      return { ok: true, value: { total: matching.length, items: matching.slice(offset, offset + limit).map(row) } };
    },
    'samples:get': async ({ id }) => ({ ok: true, value: { sample: row(id), history: [] } }),
    'labels:history': async () => ({ ok: true, value: [...decisions].reverse() }),
    'labels:set': (r) => decide(r, 'label', { classId: r.classId, skipped: false }),
    'labels:skip': (r) => decide(r, 'skip', { skipped: true }),
    'labels:flag': (r) => decide(r, r.flagged ? 'flag' : 'unflag', { flag: r.flagged ? { comment: r.comment ?? '', by: 'x', at: '' } : null }),
    'labels:undo': async () => {
      const target = [...decisions].reverse().find((d) => d.kind !== 'undo' && !decisions.some((u) => u.undoes === d.seq));
      if (!target) return { ok: true, value: { undo: null } };
      const undo: Decision = { ...target, seq: ++seq, kind: 'undo', before: target.after, after: target.before, undoes: target.seq };
      states.set(target.sampleId, target.before);
      decisions.push(undo);
      return { ok: true, value: { undo } };
    },
    'project:status': async () => ({
      ok: true,
      value: { total: sampleIds.length, labeled: 0, unlabeled: sampleIds.length, flagged: 0, skipped: 0, perSplit: { train: 0, val: 0, test: 0 }, labeledPerSplit: { train: 0, val: 0, test: 0 }, perClass: [], notices: [] },
    }),
  };

  const transport: Transport = {
    invoke: (channel, request) => {
      calls.push({ channel, request });
      // Like the real studio, a request the contract refuses never reaches a handler.
      const checked = contract[channel].request.safeParse(request);
      if (!checked.success) return Promise.resolve({ ok: false, error: { code: 'invalid-request', message: checked.error.issues[0]?.message ?? 'invalid' } });
      return handlers[channel]?.(checked.data) ?? Promise.resolve({ ok: false, error: { code: 'unsupported', message: `${channel} is not faked` } });
    },
    subscribe: (channel, listener) => {
      let set = listeners.get(channel);
      if (!set) listeners.set(channel, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
  };

  let clock = 0;
  const waitingForPaint: (() => void)[] = [];
  const store = createStudioStore({
    api: buildApi(transport),
    now: () => clock,
    wallClock: () => new Date(0),
    annotatorMemory: options.annotatorMemory ?? null,
    upload: async () => '/uploads/x',
    newId: (() => {
      let n = 0;
      return () => `k${++n}`;
    })(),
    // The frame clock, faked: "after the next paint" is the next turn of the event loop,
    // or, for tests about what waits for the paint, when the test says a frame was painted.
    afterPaint: (task) => (options.framesByHand ? void waitingForPaint.push(task) : void setTimeout(task, 0)),
  });
  const project: ProjectSummary = { dir: '/p', id: 'p1', name: 'P', createdAt: '', schemaVersion: 1, classes: [], sampleCount: sampleIds.length, readOnly: false, notices: [] };
  store.setState({
    project,
    annotator: 'ada',
    classes: [
      { id: 'cat', name: 'Cat', color: '#ff0000', key: '1', guideline: '', examples: [] },
      { id: 'dog', name: 'Dog', color: '#00ff00', key: '2', guideline: '', examples: [] },
    ],
  });

  return {
    store,
    calls,
    states,
    setClock: (ms: number) => (clock = ms),
    /** A frame was painted: the work waiting for it runs (with framesByHand). */
    paint: () => waitingForPaint.splice(0).forEach((task) => task()),
    holdSaves: (on: boolean) => (holdSaves = on),
    failNextSave: (message: string) => (failNext = message),
    releaseSaves: () => held.splice(0).forEach((release) => release()),
    callsTo: (channel: string) => calls.filter((c) => c.channel === channel).map((c) => c.request),
    /** Adds or replaces the fake answer of a channel. */
    handle: (channel: RequestName, handler: (request: any) => Promise<Result<unknown>> | Result<unknown>) => {
      handlers[channel] = async (request) => handler(request);
    },
    /** Pushes an event to subscribers, checked against the contract like the real bridge does. */
    emit: (channel: EventName, payload: unknown) => {
      const checked = contract[channel].payload.parse(payload);
      for (const listener of listeners.get(channel) ?? []) listener(checked);
    },
    listenerCount: (channel: EventName) => listeners.get(channel)?.size ?? 0,
  };
}

/** Lets every settled promise's callbacks run. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
