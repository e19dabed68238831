import { describe, expect, it } from 'vitest';
import type { Decision } from '../../../shared/domain/records';
import { emptyLabelState } from '../../../shared/domain/records';
import {
  addDecision,
  decisionsFromHistory,
  markFailed,
  markRetrying,
  markSaved,
  markUndone,
  pendingDecision,
  planUndo,
  recentLimit,
  saveSummary,
  unsavedSampleIds,
  type RecentDecision,
} from '../../../renderer/src/store/decisions';

const pending = (key: string, sampleId = `s${key}`): RecentDecision =>
  pendingDecision({ key, sampleId, request: { kind: 'label', classId: 'cat' }, annotator: 'ada', at: '2026-01-01T00:00:00Z', seconds: 1.5 });

const saved = (seq: number, sampleId: string, extra: Partial<Decision> = {}): Decision => ({
  seq,
  kind: 'label',
  sampleId,
  annotator: 'ada',
  at: '2026-01-01T00:00:00Z',
  seconds: 2,
  before: emptyLabelState,
  after: { ...emptyLabelState, classId: 'cat' },
  ...extra,
});

describe('save state of a decision', () => {
  it('shows a new decision as pending, and as saved only once the studio answered', () => {
    let list = addDecision([], pending('a'));
    expect(list[0].save).toBe('pending');
    list = markSaved(list, 'a', saved(7, 'sa'));
    expect(list[0]).toMatchObject({ save: 'saved', seq: 7 });
  });

  it('keeps a failed decision with its message, and a retry makes it pending again', () => {
    let list = markFailed(addDecision([], pending('a')), 'a', { code: 'io', message: 'disk full' });
    expect(list[0]).toMatchObject({ save: 'failed', error: { message: 'disk full' } });
    expect(saveSummary(list)).toEqual({ pending: 0, failed: 1 });
    list = markRetrying(list, 'a');
    expect(list[0]).toMatchObject({ save: 'pending', error: null });
    expect(list[0].request).toEqual({ kind: 'label', classId: 'cat' });
  });

  it('does not turn a saved decision into a failed one when a late error arrives', () => {
    const list = markFailed(markSaved(addDecision([], pending('a')), 'a', saved(3, 'sa')), 'a', { code: 'io', message: 'late' });
    expect(list[0].save).toBe('saved');
  });

  it('shows the last 20 settled decisions but never drops one that is not saved yet', () => {
    let list: RecentDecision[] = [];
    list = addDecision(list, pending('old')); // stays pending
    for (let i = 0; i < 30; i++) list = markSaved(addDecision(list, pending(`k${i}`)), `k${i}`, saved(i + 1, `s${i}`));
    expect(list.filter((d) => d.save === 'saved')).toHaveLength(recentLimit);
    expect(list.some((d) => d.key === 'old')).toBe(true);
    expect(unsavedSampleIds(list)).toEqual(['sold']);
  });
});

describe('undo', () => {
  it('asks the studio to undo exactly the newest saved decision (by its seq), or its own last one when the list is empty', () => {
    const list = markSaved(addDecision([], pending('a')), 'a', saved(1, 'sa'));
    expect(planUndo(list)).toEqual({ kind: 'server', seq: 1 });
    expect(planUndo([])).toEqual({ kind: 'server' });
  });

  it('discards a decision that never reached the disk instead of undoing an older saved one', () => {
    let list = markSaved(addDecision([], pending('a')), 'a', saved(1, 'sa'));
    list = markFailed(addDecision(list, pending('b')), 'b', { code: 'io', message: 'x' });
    const plan = planUndo(list);
    expect(plan.kind).toBe('discard');
    expect(plan.kind === 'discard' && plan.decision.key).toBe('b');
  });

  it('skips decisions already undone when choosing what to undo', () => {
    let list = markSaved(addDecision([], pending('a')), 'a', saved(1, 'sa'));
    list = markFailed(addDecision(list, pending('b')), 'b', { code: 'io', message: 'x' });
    list = markUndone(list, { key: 'b' });
    expect(planUndo(list)).toEqual({ kind: 'server', seq: 1 });
    list = markUndone(list, { seq: 1 });
    expect(list.every((d) => d.save === 'undone')).toBe(true);
  });
});

describe('history from the studio', () => {
  it('hides undo entries and the decisions they reverted, newest first', () => {
    const history = [
      saved(4, 'b', { kind: 'undo', undoes: 3 }),
      saved(3, 'b'),
      saved(2, 'a', { kind: 'skip', after: { ...emptyLabelState, skipped: true } }),
      saved(1, 'c'),
    ];
    const list = decisionsFromHistory(history);
    expect(list.map((d) => [d.sampleId, d.kind, d.save])).toEqual([
      ['a', 'skip', 'saved'],
      ['c', 'label', 'saved'],
    ]);
    expect(list[1].classId).toBe('cat');
  });
});
