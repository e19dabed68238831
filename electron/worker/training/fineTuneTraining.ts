import * as tf from '@tensorflow/tfjs';
import { StudioError } from '../../../shared/contract/channel';
import type { EpochFigures } from '../../../shared/ml/runs';
import { seededRandom, shuffledIndices } from '../acquisition/seededRandom';
import type { FineTunePlan } from './fineTunePlan';
import { matMul, type TopNetwork } from './fineTuneTop';

/** Cut-point activations of labeled images: `count` rows of `dim` floats, and their classes. */
export interface ActivationSet {
  x: Float32Array;
  y: Int32Array;
  count: number;
  dim: number;
}

export interface ValFigures {
  accuracy: number;
  loss: number;
  count: number;
}

export interface TrainedTop {
  history: EpochFigures[];
  /** 0 when no fine-tuned epoch beat the frozen network on val: the frozen weights are kept. */
  bestEpoch: number;
  stoppedEarly: boolean;
  frozenVal: ValFigures | null;
  tunedVal: ValFigures | null;
  /** The network's weights at the best epoch, by weight name; null when the frozen ones are kept. */
  weights: Map<string, Float32Array> | null;
  secondsPerEpoch: number;
}

const CHUNK = 64;
let probes = 0;

/**
 * Trains the top of the network on cached activations, the way fine-tuning on few labels
 * is usually done well: first a softmax classifier on the frozen features (a linear probe),
 * then the network's layers and the classifier together with a small step size, scored on
 * the val split after every epoch; training stops once val accuracy has not improved for
 * `patience` epochs, and the best epoch's weights are kept, or the frozen ones if no epoch
 * beat them. Without val labels it runs half the epochs and keeps the last.
 */
export async function trainTop(
  top: TopNetwork,
  sets: { train: ActivationSet; val: ActivationSet | null; numClasses: number; cutShape: [number, number, number] },
  plan: FineTunePlan,
  options: { seed?: number; signal?: AbortSignal; onEpoch?(figures: EpochFigures): void; onStep?(epoch: number, done: number, total: number): void } = {},
): Promise<TrainedTop> {
  const { train, val, numClasses, cutShape } = sets;
  const features = (x: tf.Tensor4D) => top.forward(x);
  const toBatch = (set: ActivationSet, rows: ArrayLike<number>) => {
    const buffer = new Float32Array(rows.length * set.dim);
    for (let i = 0; i < rows.length; i++) buffer.set(set.x.subarray(rows[i] * set.dim, (rows[i] + 1) * set.dim), i * set.dim);
    return tf.tensor4d(buffer, [rows.length, ...cutShape]);
  };
  const head = await linearProbe(top, train, numClasses, toBatch);
  const evaluate = (set: ActivationSet | null) => (set ? scoreSet(set, (x) => tf.add(matMul(features(x), head.w), head.b) as tf.Tensor2D, numClasses, toBatch) : null);
  const frozenVal = await evaluate(val);
  let best = { loss: frozenVal?.loss ?? Infinity, epoch: 0, weights: null as Map<string, Float32Array> | null, val: frozenVal };
  const topOptimizer = tf.train.adam(plan.learningRate);
  const headOptimizer = tf.train.adam(plan.headLearningRate);
  const random = seededRandom(options.seed ?? 1);
  const history: EpochFigures[] = [];
  const epochs = val ? plan.maxEpochs : Math.max(1, Math.floor(plan.maxEpochs / 2));
  const started = performance.now();
  let stale = 0;
  let stoppedEarly = false;
  try {
    for (let epoch = 1; epoch <= epochs; epoch++) {
      const order = shuffledIndices(train.count, random);
      let lossSum = 0;
      let correct = 0;
      for (let from = 0; from < train.count; from += plan.batchSize) {
        if (options.signal?.aborted) throw new StudioError('cancelled', 'Fine-tuning was cancelled.', 'The cached activations are kept; the next try starts faster.');
        const rows = order.subarray(from, Math.min(from + plan.batchSize, train.count));
        const step = tf.tidy(() => {
          const x = toBatch(train, rows);
          const labels = tf.tensor1d(Array.from(rows, (r) => train.y[r]), 'int32');
          let logits: tf.Tensor2D | null = null;
          const { value, grads } = tf.variableGrads(() => {
            // Kept past variableGrads' own scope, for the accuracy below.
            logits = tf.keep(tf.add(matMul(features(x), head.w), head.b) as tf.Tensor2D);
            return tf.losses.softmaxCrossEntropy(tf.oneHot(labels, numClasses), logits) as tf.Scalar;
          });
          topOptimizer.applyGradients(top.variables.map((v) => ({ name: v.name, tensor: grads[v.name] })));
          headOptimizer.applyGradients([head.w, head.b].map((v) => ({ name: v.name, tensor: grads[v.name] })));
          const hits = tf.sum(tf.cast(tf.equal(tf.argMax(logits!, 1), labels), 'int32'));
          tf.dispose(logits!);
          return [value, hits];
        });
        const [loss, hits] = await Promise.all(step.map((t) => t.data()));
        tf.dispose(step);
        lossSum += loss[0] * rows.length;
        correct += hits[0];
        options.onStep?.(epoch, from + rows.length, train.count);
      }
      const scored = await evaluate(val);
      const figures: EpochFigures = { epoch, loss: lossSum / train.count, accuracy: correct / train.count, ...(scored ? { valLoss: scored.loss, valAccuracy: scored.accuracy } : {}) };
      history.push(figures);
      options.onEpoch?.(figures);
      if (!scored || better(scored, best.val)) {
        best = { loss: scored?.loss ?? Infinity, epoch, weights: top.weights(), val: scored };
        stale = 0;
      } else if (++stale >= plan.patience) {
        stoppedEarly = epoch < epochs;
        break;
      }
    }
  } finally {
    topOptimizer.dispose();
    headOptimizer.dispose();
    tf.dispose([head.w, head.b]);
  }
  const secondsPerEpoch = history.length ? (performance.now() - started) / 1000 / history.length : 0;
  return { history, bestEpoch: best.epoch, stoppedEarly, frozenVal, tunedVal: best.epoch ? best.val : frozenVal, weights: best.weights, secondsPerEpoch };
}

/**
 * Val accuracy decides, val loss breaks ties. The network's features feed a new head
 * afterwards, so what counts is how well they separate the classes, not how calibrated
 * this classifier is: fine-tuning sharpens its probabilities, and val loss rises while
 * accuracy still improves (measured on Fashion-MNIST at 1,000 labels).
 */
function better(scored: ValFigures, best: ValFigures | null): boolean {
  if (!best) return true;
  if (scored.accuracy !== best.accuracy) return scored.accuracy > best.accuracy;
  return scored.loss < best.loss - 1e-4;
}

/** Softmax regression on the frozen network's pooled features: the classifier fine-tuning starts from. */
async function linearProbe(top: TopNetwork, train: ActivationSet, numClasses: number, toBatch: (set: ActivationSet, rows: ArrayLike<number>) => tf.Tensor4D) {
  const pooled = await featuresOf(top, train, toBatch);
  const dim = pooled.length / train.count;
  const tag = `probe${++probes}`;
  const [w, b] = tf.tidy(() => [tf.variable(tf.zeros([dim, numClasses]), true, `${tag}/kernel`), tf.variable(tf.zeros([numClasses]), true, `${tag}/bias`)]);
  const optimizer = tf.train.adam(0.01);
  const x = tf.tensor2d(pooled, [train.count, dim]);
  const y = tf.tidy(() => tf.oneHot(tf.tensor1d(train.y, 'int32'), numClasses));
  try {
    for (let step = 0; step < 150; step++) {
      optimizer.minimize(() => tf.add(tf.losses.softmaxCrossEntropy(y, tf.add(matMul(x, w), b)), tf.mul(1e-4, tf.sum(tf.square(w)))) as tf.Scalar, false, [w, b]);
    }
  } finally {
    tf.dispose([x, y]);
    optimizer.dispose();
  }
  return { w, b };
}

async function featuresOf(top: TopNetwork, set: ActivationSet, toBatch: (set: ActivationSet, rows: ArrayLike<number>) => tf.Tensor4D): Promise<Float32Array> {
  const parts: Float32Array[] = [];
  for (let from = 0; from < set.count; from += CHUNK) {
    const rows = Array.from({ length: Math.min(CHUNK, set.count - from) }, (_, i) => from + i);
    const f = tf.tidy(() => top.forward(toBatch(set, rows)));
    parts.push((await f.data()) as Float32Array);
    f.dispose();
  }
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

async function scoreSet(set: ActivationSet, logitsOf: (x: tf.Tensor4D) => tf.Tensor2D, numClasses: number, toBatch: (set: ActivationSet, rows: ArrayLike<number>) => tf.Tensor4D): Promise<ValFigures> {
  let loss = 0;
  let correct = 0;
  for (let from = 0; from < set.count; from += CHUNK) {
    const rows = Array.from({ length: Math.min(CHUNK, set.count - from) }, (_, i) => from + i);
    const p = tf.tidy(() => tf.softmax(logitsOf(toBatch(set, rows))));
    const probabilities = await p.data();
    p.dispose();
    rows.forEach((row, i) => {
      const label = set.y[row];
      let bestClass = 0;
      for (let c = 1; c < numClasses; c++) if (probabilities[i * numClasses + c] > probabilities[i * numClasses + bestClass]) bestClass = c;
      if (bestClass === label) correct++;
      loss -= Math.log(Math.max(probabilities[i * numClasses + label], 1e-12));
    });
  }
  return { accuracy: correct / set.count, loss: loss / set.count, count: set.count };
}
