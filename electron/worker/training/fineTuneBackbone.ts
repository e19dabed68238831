import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { StudioError } from '../../../shared/contract/channel';
import { inputLength, type BackboneCard, type BackboneSpec } from '../../../shared/ml/cards';
import type { EpochFigures } from '../../../shared/ml/runs';
import { decodeForCard } from '../images/decodeForCard';
import { fileModelIO, routeFileUrls } from '../backbones/tfjsFiles';
import { seededRandom, shuffledIndices } from '../acquisition/seededRandom';

export interface FineTuneOptions {
  spec: BackboneSpec;
  /** Labeled images of the train split: paths and class indices. */
  images: { path: string; classIndex: number }[];
  numClasses: number;
  /** Where the fine-tuned feature model is written (model.json + weights.bin). */
  outDir: string;
  /** How many of the last layers with weights may change (default 2). */
  trainableLayers?: number;
  epochs?: number;
  batchSize?: number;
  learningRate?: number;
  seed?: number;
  signal?: AbortSignal;
  onEpoch?(figures: EpochFigures): void;
}

/**
 * Full fine-tuning of a TF.js layers backbone: its last `trainableLayers` weighted layers
 * train together with a softmax classifier on the labeled train images (decoded batch by
 * batch, so memory does not grow with the labels); the earlier layers stay frozen. The
 * result is a new backbone (the fine-tuned feature model, saved to `outDir`) that the run
 * then embeds and trains its head on. Convolution gradients need the native backend:
 * callers offer this only where `fineTuneAvailability` says so.
 */
export async function fineTuneBackbone(options: FineTuneOptions): Promise<{ spec: BackboneSpec; history: EpochFigures[] }> {
  const { spec, images, numClasses, signal } = options;
  const { card } = spec;
  if (card.engine !== 'tfjs' || !spec.modelPath) throw new StudioError('unsupported', 'Only TF.js layers backbones can be fine-tuned.');
  if (images.length === 0) throw new StudioError('invalid-request', 'Fine-tuning needs labeled images in the train split.');
  routeFileUrls();
  const base = await tf.loadLayersModel(pathToFileURL(spec.modelPath).href);
  try {
    const featureOutput = featureTensor(base, card);
    const features = tf.model({ inputs: base.inputs, outputs: featureOutput });
    // Only layers on the path to the features count; the backbone's own classifier does not.
    const weighted = features.layers.filter((l) => l.getWeights().length > 0);
    const open = new Set(weighted.slice(-(options.trainableLayers ?? 2)));
    for (const layer of base.layers) layer.trainable = open.has(layer);
    const pooled = pooledFeatures(featureOutput, card);
    const probabilities = tf.layers.dense({ units: numClasses, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: options.seed ?? 1 }) }).apply(pooled) as tf.SymbolicTensor;
    const classifier = tf.model({ inputs: base.inputs, outputs: probabilities });
    classifier.compile({ optimizer: tf.train.adam(options.learningRate ?? 1e-4), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });

    const history: EpochFigures[] = [];
    const random = seededRandom(options.seed ?? 1);
    const batchSize = options.batchSize ?? 16;
    for (let epoch = 1; epoch <= (options.epochs ?? 5); epoch++) {
      const order = shuffledIndices(images.length, random);
      let lossSum = 0;
      let accuracySum = 0;
      for (let from = 0; from < images.length; from += batchSize) {
        if (signal?.aborted) throw new StudioError('cancelled', 'Fine-tuning was cancelled.');
        const batch = Array.from(order.subarray(from, Math.min(from + batchSize, images.length)), (i) => images[i]);
        const pixels = await decodeBatch(batch.map((b) => b.path), card);
        const [loss, accuracy] = await trainStep(classifier, pixels, batch.map((b) => b.classIndex), card, numClasses);
        lossSum += loss * batch.length;
        accuracySum += accuracy * batch.length;
      }
      const figures = { epoch, loss: lossSum / images.length, accuracy: accuracySum / images.length };
      history.push(figures);
      options.onEpoch?.(figures);
    }
    const modelPath = join(options.outDir, 'model.json');
    await features.save(fileModelIO(modelPath));
    return { spec: { card: fineTunedCard(card, options.outDir), modelPath }, history };
  } finally {
    base.dispose();
  }
}

async function trainStep(model: tf.LayersModel, pixels: Float32Array, labels: number[], card: BackboneCard, numClasses: number): Promise<[number, number]> {
  const { width, height, channels, layout } = card.input;
  const x = tf.tensor(pixels, layout === 'NCHW' ? [labels.length, channels, height, width] : [labels.length, height, width, channels]);
  const y = tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), numClasses).toFloat());
  try {
    const result = (await model.trainOnBatch(x, y)) as number[];
    return [result[0], result[1]];
  } finally {
    x.dispose();
    y.dispose();
  }
}

async function decodeBatch(paths: string[], card: BackboneCard): Promise<Float32Array> {
  const length = inputLength(card);
  const out = new Float32Array(paths.length * length);
  await Promise.all(paths.map((path, slot) => decodeForCard(path, card, out, slot * length)));
  return out;
}

function featureTensor(model: tf.LayersModel, card: BackboneCard): tf.SymbolicTensor {
  if (card.output.tap === 'classifier-input') return model.layers[model.layers.length - 1].input as tf.SymbolicTensor;
  if (!card.output.name) return model.outputs[0];
  const layer = model.layers.find((l) => l.name === card.output.name);
  if (!layer) throw new StudioError('invalid-request', `The model has no layer named "${card.output.name}".`);
  return layer.output as tf.SymbolicTensor;
}

function pooledFeatures(features: tf.SymbolicTensor, card: BackboneCard): tf.SymbolicTensor {
  if (features.shape.length === 2) return features;
  if (card.output.pool === 'mean' && features.shape.length === 4) return tf.layers.globalAveragePooling2d({ dataFormat: card.input.layout === 'NCHW' ? 'channelsFirst' : 'channelsLast' }).apply(features) as tf.SymbolicTensor;
  return tf.layers.flatten().apply(features) as tf.SymbolicTensor;
}

/** The fine-tuned model is its own backbone: new id (so its own embedding cache), same input. */
function fineTunedCard(card: BackboneCard, outDir: string): BackboneCard {
  const tag = outDir.split(/[\\/]/).filter(Boolean).at(-2)?.slice(-6) ?? 'tuned';
  return { ...card, id: `${card.id.slice(0, 40)}-ft-${tag}`.toLowerCase(), name: `${card.name} (fine-tuned)`, output: { tap: 'output', pool: card.output.pool } };
}
