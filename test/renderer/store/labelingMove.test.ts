import { describe, expect, it } from 'vitest';
import type { QueueItem } from '../../../shared/contract/queue';
import type { SampleRow } from '../../../shared/contract/samples';
import { emptyLabelState } from '../../../shared/domain/records';
import { settleMove, spareRows } from '../../../renderer/src/store/labelingMove';
import type { LabelingState } from '../../../renderer/src/store/labelingSlice';

const item = (sampleId: string): QueueItem => ({ sampleId, reason: { strategy: 'import-order', score: null, note: '' }, heldOut: false, top: [] });
const row = (id: string): SampleRow => ({ id, fileName: `${id}.png`, relativePath: `${id}.png`, path: `/i/${id}.png`, split: 'train', width: 8, height: 8, importedLabel: null, label: emptyLabelState });
const rowsOf = (ids: string[]) => Object.fromEntries(ids.map((id) => [id, row(id)]));
const state = (change: Partial<LabelingState>): LabelingState => ({
  current: item('a'),
  ahead: [item('b')],
  trail: [],
  queueStatus: 'ready',
  shown: null,
  decisions: [],
  rows: rowsOf(['a', 'b']),
  overlay: 'none',
  guidelinesOpen: false,
  ...change,
});

describe('the labeling state after the queue moves', () => {
  it('a move that needs nothing tidied is kept as it is (no second update)', () => {
    const l = state({});
    expect(settleMove(l)).toBe(l);
  });

  it('in a long session, rows no longer on screen, ahead or behind are let go', () => {
    const old = Array.from({ length: spareRows + 5 }, (_, i) => `old${i}`);
    const l = state({ trail: [item('t')], rows: rowsOf(['a', 'b', 't', ...old]) });
    expect(Object.keys(settleMove(l).rows).sort()).toEqual(['a', 'b', 't']);
  });

  it('a few rows more than shown are kept, so going back shows them at once', () => {
    const l = state({ rows: rowsOf(['a', 'b', 'x', 'y']) });
    expect(settleMove(l).rows).toBe(l.rows);
  });

  it('with nothing left on screen the view says it is loading the next images', () => {
    expect(settleMove(state({ current: null, ahead: [] })).queueStatus).toBe('loading');
  });
});
