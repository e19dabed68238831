import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { StudioError } from '../../../shared/contract/channel';
import type { BackboneCard } from '../../../shared/ml/cards';
import { fileModelIO, routeFileUrls } from '../backbones/tfjsFiles';
import type { SavedHead } from '../heads/index';
import { foldedHead, type FoldedLayer } from './foldedHead';

/** Which backbone the TF.js model carries: built in (`pixels`, a TF.js layers model) or none. */
export type TfjsBackbone = { kind: 'pixels' } | { kind: 'layers'; modelPath: string } | { kind: 'none'; why: string };

/** What the TF.js model takes: resized pixels (the whole pipeline) or the backbone's embedding. */
export interface TfjsExportResult {
  scope: 'pipeline' | 'head-only';
  inputShape: number[];
  /** Why the model is head-only, in a sentence for the model card. */
  headOnlyReason: string | null;
}

/**
 * Writes the pipeline as a TF.js layers model (`model.json` + `weights.bin`) in `dir`. Input:
 * float32 `[N, H, W, C]` pixel values 0–255 (TF.js layers have no uint8 inputs), resized as
 * the studio resizes. Pixel normalisation is a 1×1 depthwise convolution in front of a TF.js
 * backbone, and folded into the first dense layer for `pixels`; the head's standardisation
 * is folded into its first layer. With no TF.js backbone the model is the head alone.
 */
export async function writeTfjsModel(card: BackboneCard, head: SavedHead, backbone: TfjsBackbone, dir: string): Promise<TfjsExportResult> {
  const created: tf.LayersModel[] = [];
  try {
    const { height, width, channels } = card.input;
    let input: tf.SymbolicTensor;
    let layers: FoldedLayer[];
    let x: tf.SymbolicTensor;
    if (backbone.kind === 'pixels') {
      input = tf.input({ shape: [height, width, channels], name: 'image' });
      x = tf.layers.flatten({ name: 'pixels' }).apply(input) as tf.SymbolicTensor;
      const { gain, offset } = pixelAffine(card);
      const perFeature = (values: number[]) => Array.from({ length: card.embeddingSize }, (_, j) => values[j % channels]);
      layers = foldedHead(head, { gain: perFeature(gain), offset: perFeature(offset) });
    } else if (backbone.kind === 'layers') {
      input = tf.input({ shape: [height, width, channels], name: 'image' });
      const features = await featureModel(backbone.modelPath, card, created);
      x = features.apply(normalize(input, card)) as tf.SymbolicTensor;
      x = pooled(x, card);
      layers = foldedHead(head);
    } else {
      input = tf.input({ shape: [head.dim], name: 'embedding' });
      x = input;
      layers = foldedHead(head);
    }
    layers.forEach((layer, i) => {
      const weights = [tf.tensor2d(layer.kernel, [layer.inputs, layer.units]), tf.tensor1d(layer.bias)];
      x = tf.layers.dense({ units: layer.units, activation: layer.activation, weights, name: i === layers.length - 1 ? 'probabilities' : `hidden${i + 1}` }).apply(x) as tf.SymbolicTensor;
      tf.dispose(weights);
    });
    const model = tf.model({ inputs: input, outputs: x, name: 'studio_export' });
    created.push(model);
    await model.save(fileModelIO(join(dir, 'model.json')));
    const headOnly = backbone.kind === 'none';
    return { scope: headOnly ? 'head-only' : 'pipeline', inputShape: [-1, ...input.shape.slice(1).map(Number)], headOnlyReason: headOnly ? backbone.why : null };
  } finally {
    for (const model of created) disposeOnce(model);
  }
}

/** Per-channel `scale / std` and `−mean / std`: pixel value v becomes v · gain + offset. */
export function pixelAffine(card: BackboneCard): { gain: number[]; offset: number[] } {
  const { scale, mean, std } = card.preprocess;
  return { gain: std.map((s) => scale / s), offset: mean.map((m, c) => -m / std[c]) };
}

function normalize(input: tf.SymbolicTensor, card: BackboneCard): tf.SymbolicTensor {
  const { gain, offset } = pixelAffine(card);
  const channels = card.input.channels;
  const weights = [tf.tensor4d(gain, [1, 1, channels, 1]), tf.tensor1d(offset)];
  const layer = tf.layers.depthwiseConv2d({ kernelSize: 1, depthMultiplier: 1, useBias: true, weights, name: 'normalize' });
  let x = layer.apply(input) as tf.SymbolicTensor;
  tf.dispose(weights);
  if (card.input.layout === 'NCHW') x = tf.layers.permute({ dims: [3, 1, 2], name: 'nchw' }).apply(x) as tf.SymbolicTensor;
  return x;
}

/** The backbone cut at the tensor the card taps, as the studio's TF.js engine cuts it. */
async function featureModel(modelPath: string, card: BackboneCard, created: tf.LayersModel[]): Promise<tf.LayersModel> {
  routeFileUrls();
  const base = await tf.loadLayersModel(pathToFileURL(modelPath).href);
  created.push(base);
  let output: tf.SymbolicTensor;
  if (card.output.tap === 'classifier-input') output = base.layers[base.layers.length - 1].input as tf.SymbolicTensor;
  else if (card.output.name) {
    const layer = base.layers.find((l) => l.name === card.output.name);
    if (!layer) throw new StudioError('invalid-request', `The backbone has no layer named "${card.output.name}".`);
    output = layer.output as tf.SymbolicTensor;
  } else output = base.outputs[0];
  return tf.model({ inputs: base.inputs, outputs: output, name: 'backbone' });
}

/** `poolOutput` as layers: the embedding the head was trained on. */
function pooled(x: tf.SymbolicTensor, card: BackboneCard): tf.SymbolicTensor {
  const rank = x.shape.length;
  const pool = card.output.pool;
  if (rank === 2) return x;
  if (pool === 'flatten') return tf.layers.flatten({ name: 'pool' }).apply(x) as tf.SymbolicTensor;
  if (pool === 'cls' && rank === 3) {
    // [tokens, dim] → [tokens, dim, 1] → crop all tokens but the first → [dim].
    const [tokens, dim] = [Number(x.shape[1]), Number(x.shape[2])];
    const image = tf.layers.reshape({ targetShape: [tokens, dim, 1], name: 'tokens' }).apply(x) as tf.SymbolicTensor;
    const first = tf.layers.cropping2D({ cropping: [[0, tokens - 1], [0, 0]], name: 'first_token' }).apply(image) as tf.SymbolicTensor;
    return tf.layers.flatten({ name: 'pool' }).apply(first) as tf.SymbolicTensor;
  }
  if (pool === 'mean' && rank === 3) return tf.layers.globalAveragePooling1d({ name: 'pool' }).apply(x) as tf.SymbolicTensor;
  if (pool === 'mean' && rank === 4) {
    return tf.layers.globalAveragePooling2d({ dataFormat: card.input.layout === 'NCHW' ? 'channelsFirst' : 'channelsLast', name: 'pool' }).apply(x) as tf.SymbolicTensor;
  }
  throw new StudioError('invalid-request', `Pool "${pool}" does not apply to the backbone's rank-${rank} output.`);
}

/**
 * Models that share layers (the backbone, its cut, the pipeline) count references to them;
 * the first model disposed can release layers another still names, which then reports them
 * as already disposed. Every tensor is released either way.
 */
function disposeOnce(model: tf.LayersModel): void {
  try {
    model.dispose();
  } catch (error) {
    if (!/already disposed/.test(String((error as Error).message))) throw error;
  }
}
