import type { SampleRow } from '../../../shared/contract/samples';
import { pruneRows } from './decisionRequests';
import type { LabelingState } from './labelingSlice';

/** Past this many rows beyond the ones the view can still show, the row cache is pruned. */
export const spareRows = 50;

/**
 * The labeling state once the queue has moved, as one update: the rows the view can no
 * longer show are let go (so the cache stays small in long sessions), and with nothing left
 * on screen the view says it is loading. One update per keypress means one render.
 */
export function settleMove(l: LabelingState): LabelingState {
  const keep = new Set([...(l.current ? [l.current.sampleId] : []), ...l.ahead.map((i) => i.sampleId), ...l.trail.map((i) => i.sampleId)]);
  const rows: Record<string, SampleRow> = Object.keys(l.rows).length > keep.size + spareRows ? pruneRows(l.rows, keep) : l.rows;
  const queueStatus = l.current ? l.queueStatus : 'loading';
  return rows === l.rows && queueStatus === l.queueStatus ? l : { ...l, rows, queueStatus };
}
