import { decodeSavedHead } from '../heads/head';
import type { SavedHead } from '../heads/index';

/** One dense layer ready for a TF.js `dense` layer: kernel `inputs × units` row-major. */
export interface FoldedLayer {
  kernel: Float32Array;
  bias: Float32Array;
  inputs: number;
  units: number;
  activation: 'relu' | 'softmax';
}

/**
 * A head's dense layers with everything affine before them folded into the first one, so a
 * TF.js export is plain Dense layers. Input feature j arrives as `raw_j · gain_j + offset_j`
 * (the pixel normalisation of a pixels backbone; none otherwise), is standardised as
 * `(x_j − mean_j) · scale_j`, then multiplied by W. Folded:
 * `W'_ju = gain_j · scale_j · W_ju` and `b'_u = b_u + Σ_j (offset_j − mean_j) · scale_j · W_ju`,
 * the bias summed in float64.
 */
export function foldedHead(saved: SavedHead, inputAffine?: { gain: ArrayLike<number>; offset: ArrayLike<number> }): FoldedLayer[] {
  const { standardizer, weights } = decodeSavedHead(saved);
  const [first, ...rest] = weights;
  const { inputs, units } = first;
  const kernel = new Float32Array(inputs * units);
  const bias = Float64Array.from(first.bias);
  for (let j = 0; j < inputs; j++) {
    const gain = inputAffine ? inputAffine.gain[j] : 1;
    const shift = ((inputAffine ? inputAffine.offset[j] : 0) - standardizer.mean[j]) * standardizer.scale[j];
    for (let u = 0; u < units; u++) {
      const w = first.kernel[j * units + u];
      kernel[j * units + u] = gain * standardizer.scale[j] * w;
      bias[u] += shift * w;
    }
  }
  const layers = [{ kernel, bias: Float32Array.from(bias), inputs, units }, ...rest];
  return layers.map((layer, i) => ({ ...layer, activation: i === layers.length - 1 ? 'softmax' : 'relu' }));
}
