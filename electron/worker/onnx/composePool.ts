import { StudioError } from '../../../shared/contract/channel';
import type { BackboneCard } from '../../../shared/ml/cards';
import type { GraphParts } from './composeGraph';

/**
 * The card's `output.pool` as graph ops, matching `poolOutput` (what the studio does to a
 * backbone's output before the head sees it): `flatten` keeps every value, `cls` takes the
 * first token of `[N, tokens, dim]`, `mean` averages the tokens or the spatial axes.
 * ReduceMean takes its axes as an attribute up to opset 17 and as an input from 18.
 */
export function composePool(parts: GraphParts, card: BackboneCard, feature: string, rank: number | null, opset: number): string {
  const pool = card.output.pool;
  if (pool === 'flatten') return rank === 2 ? feature : parts.node('Flatten', [feature], 'pool/flatten', { axis: 1 });
  if (rank === null) throw new StudioError('internal', `Pool "${pool}" needs the rank of the backbone's output, which is not known.`);
  if (pool === 'cls') {
    if (rank !== 3) throw new StudioError('invalid-request', `Pool "cls" needs a [batch, tokens, dim] output; the backbone's has rank ${rank}.`);
    return parts.node('Gather', [feature, parts.int64s('pool/first-token', [0], [])], 'pool/cls', { axis: 1 });
  }
  let axes: number[];
  if (rank === 3) axes = [1];
  else if (rank === 4) axes = card.input.layout === 'NCHW' ? [2, 3] : [1, 2];
  else throw new StudioError('invalid-request', `Pool "mean" needs a rank-3 or rank-4 output; the backbone's has rank ${rank}.`);
  if (opset >= 18) return parts.node('ReduceMean', [feature, parts.int64s('pool/axes', axes)], 'pool/mean', { keepdims: 0 });
  return parts.node('ReduceMean', [feature], 'pool/mean', { axes, keepdims: 0 });
}
