import { StudioError } from '../../../shared/contract/channel';
import type { BackboneCard } from '../../../shared/ml/cards';

/**
 * Turns a network's raw output (`dims[0]` = batch) into one embedding row per image, as
 * the card's `output.pool` says, and checks the row length against the card so a wrong
 * card is caught on the first image rather than as nonsense scores later.
 */
export function poolOutput(data: ArrayLike<number>, dims: readonly number[], card: BackboneCard, count: number, outputName: string): Float32Array {
  if (dims[0] !== count) {
    throw new StudioError('invalid-request', `Output "${outputName}" has batch size ${dims[0]} for ${count} images.`, 'Choose an output whose first axis is the batch.');
  }
  const rest = dims.slice(1);
  const perImage = rest.reduce((a, b) => a * b, 1);
  const pool = card.output.pool;
  let size: number;
  let rowOf: (image: number, into: Float32Array, at: number) => void;
  if (pool === 'flatten') {
    size = perImage;
    rowOf = (i, into, at) => copy(data, i * perImage, perImage, into, at);
  } else if (pool === 'cls') {
    if (rest.length !== 2) throw shapeError(outputName, dims, 'cls', 'a [batch, tokens, dim] output');
    size = rest[1];
    rowOf = (i, into, at) => copy(data, i * perImage, size, into, at);
  } else {
    const plan = meanPlan(rest, card, outputName, dims);
    size = plan.size;
    rowOf = (i, into, at) => plan.reduce(data, i * perImage, into, at);
  }
  if (size !== card.embeddingSize) {
    throw new StudioError(
      'invalid-request',
      `The card says "${card.id}" gives ${card.embeddingSize} values per image, but output "${outputName}" ${describeDims(dims)} gives ${size} (pool "${pool}").`,
      `Set "embeddingSize": ${size} in the card, or choose another output or pooling.`,
    );
  }
  const out = new Float32Array(count * size);
  for (let i = 0; i < count; i++) rowOf(i, out, i * size);
  for (let i = 0; i < out.length; i++) {
    if (!Number.isFinite(out[i])) {
      throw new StudioError('internal', `Backbone "${card.id}" produced a non-finite value (${out[i]}) for image ${Math.floor(i / size) + 1} of the batch.`, 'Check the card\'s mean/std and scale.');
    }
  }
  return out;
}

function copy(data: ArrayLike<number>, from: number, length: number, into: Float32Array, at: number): void {
  if (data instanceof Float32Array) into.set(data.subarray(from, from + length), at);
  else for (let k = 0; k < length; k++) into[at + k] = data[from + k];
}

/** Mean over tokens of [tokens, dim], or over the spatial axes of a 3-D feature map. */
function meanPlan(rest: number[], card: BackboneCard, name: string, dims: readonly number[]) {
  if (rest.length === 2) {
    const [tokens, dim] = rest;
    return { size: dim, reduce: strided(tokens, dim, dim, 1) };
  }
  if (rest.length === 3) {
    if (card.input.layout === 'NCHW') {
      const [channels, h, w] = rest;
      return { size: channels, reduce: strided(h * w, channels, 1, h * w) };
    }
    const [h, w, channels] = rest;
    return { size: channels, reduce: strided(h * w, channels, channels, 1) };
  }
  throw shapeError(name, dims, 'mean', 'a [batch, tokens, dim] or [batch, channels, h, w] output');
}

/** Averages `n` values per feature: element (k, f) sits at k*stepItem + f*stepFeature. */
function strided(n: number, features: number, stepItem: number, stepFeature: number) {
  return (data: ArrayLike<number>, base: number, into: Float32Array, at: number) => {
    for (let f = 0; f < features; f++) {
      let sum = 0;
      for (let k = 0; k < n; k++) sum += data[base + k * stepItem + f * stepFeature];
      into[at + f] = sum / n;
    }
  };
}

function shapeError(name: string, dims: readonly number[], pool: string, need: string): StudioError {
  return new StudioError('invalid-request', `Pool "${pool}" needs ${need}, but output "${name}" is ${describeDims(dims)}.`, 'Choose pool "flatten" or another output.');
}

export function describeDims(dims: readonly (number | string)[]): string {
  return `[${dims.join(', ')}]`;
}
