import type { BackboneCard } from '../../../shared/ml/cards';
import { DataType, type GraphParts } from './composeGraph';

/**
 * The studio's preprocessing as graph ops: uint8 pixels `[N, H, W, C]` (already resized by
 * the caller) → float32 → `(pixel · scale − mean[c]) / std[c]` per channel → the backbone's
 * layout. The affine step is one Mul and one Add with per-channel constants
 * (`scale/std`, `−mean/std`), which is what `decodeForCard` computes, up to float rounding.
 * Returns the name of the tensor the backbone reads.
 */
export function composePreprocess(parts: GraphParts, card: BackboneCard, input: string): string {
  const { channels, layout } = card.input;
  const { scale, mean, std } = card.preprocess;
  const gain = Array.from({ length: channels }, (_, c) => scale / std[c]);
  const offset = Array.from({ length: channels }, (_, c) => -mean[c] / std[c]);
  let x = parts.node('Cast', [input], 'preprocess/float', { to: DataType.FLOAT });
  x = parts.node('Mul', [x, parts.floats('preprocess/gain', gain)], 'preprocess/scaled');
  if (offset.some((o) => o !== 0)) x = parts.node('Add', [x, parts.floats('preprocess/offset', offset)], 'preprocess/normalized');
  if (layout === 'NCHW') x = parts.node('Transpose', [x], 'preprocess/nchw', { perm: [0, 3, 1, 2] });
  return x;
}
