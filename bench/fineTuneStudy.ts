import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { BUILTIN_MOBILENET_ID } from '../shared/ml/builtinNetworks';
import { pixelsCard } from '../shared/ml/pixels';
import { ModelCatalog } from '../electron/services/ml/models/ModelCatalog';
import { builtinOnnxPath } from '../electron/worker/backbones/builtin/builtinOnnx';
import { nsfwjsMobileNetV2 } from '../electron/worker/backbones/builtin/nsfwjsModel';
import { embedProject } from '../electron/worker/embeddings/embedProject';
import type { EmbeddingStore } from '../electron/worker/embeddings/EmbeddingStore';
import { defaultHeadConfig, trainHead, type Dataset } from '../electron/worker/heads/index';
import type { LayersArtifacts } from '../electron/worker/onnx/layersToOnnx';
import type { BackendInfo } from '../electron/worker/tf/backend';
import { cutCard, fineTuneBuiltin, type LabeledSample } from '../electron/worker/training/fineTuneBuiltin';
import { fineTunePlan, type FineTunePlan } from '../electron/worker/training/fineTunePlan';
import { buildTopNetwork } from '../electron/worker/training/fineTuneTop';
import { fashionMnistSamples } from './fineTuneData';

export interface HeadScore {
  val: number;
  test: number;
}

/** One label count (and fine-tuning step size): what frozen + head, fine-tuned + head and pixels + head reach. */
export interface StudyRow {
  labels: number;
  learningRate: number;
  frozen: HeadScore;
  tuned: HeadScore;
  pixels: HeadScore;
  kept: 'fine-tuned' | 'frozen';
  epochsRun: number;
  bestEpoch: number;
  secondsPerEpoch: number;
}

type Split = 'train' | 'val' | 'test';
type Features = Record<Split, Dataset>;

/**
 * Fashion-MNIST through the studio's own code: the built-in network frozen with the default
 * linear head, the same network fine-tuned (`fineTuneBuiltin`, early stopping on the val
 * images) with the default head on its new features, and pixels 28×28 with the same head.
 * Test images come from the official test set and are only ever scored. Every image runs
 * through onnxruntime once, up to the cut point; the 1,280-d features of the frozen and of
 * each fine-tuned network are computed from those activations by the top network, which
 * gives the whole network's output (to 1e-4, test/electron/worker/training) at a fraction of
 * the cost of re-embedding every image for every run.
 */
export async function fineTuneStudy(
  dir: string,
  backend: BackendInfo,
  options: { labels: number[]; val: number; test: number; learningRates: number[]; plan?: Partial<FineTunePlan>; log?(line: string): void },
): Promise<StudyRow[]> {
  const log = options.log ?? (() => undefined);
  const data = await fashionMnistSamples(join(dir, 'images'), { train: Math.max(...options.labels), val: options.val, test: options.test });
  const cacheDir = join(dir, 'cache');
  const spec = await new ModelCatalog({ cacheDir, entries: [] }).resolve(BUILTIN_MOBILENET_ID);
  const projectDir = join(dir, 'project');
  const plan = { ...fineTunePlan(backend), ...options.plan };
  const everything = [...data.train, ...data.val, ...data.test];
  const card = cutCard(spec.card, plan);
  const cut = (await embedProject({ projectDir, spec: { card, modelPath: await builtinOnnxPath(join(cacheDir, 'models'), plan.cutLayer) }, samples: everything.map((l) => l.sample), batchSize: 32 })).store;
  const pixels = (await embedProject({ projectDir, spec: { card: pixelsCard('pixels-28x28-gray')!, modelPath: null }, samples: everything.map((l) => l.sample), batchSize: 64 })).store;
  log(`${everything.length} images through the network up to ${plan.cutLayer}`);
  const rows: StudyRow[] = [];
  try {
    const frozen = await topFeatures(await nsfwjsMobileNetV2(), plan, cut, data);
    const pixelFeatures = await storeFeatures(pixels, data);
    for (const labels of options.labels) {
      const train = data.train.slice(0, labels);
      const frozenScore = await headScore(frozen, labels);
      const pixelsScore = await headScore(pixelFeatures, labels);
      log(`${labels} labels: frozen + head val ${pct(frozenScore.val)} test ${pct(frozenScore.test)}; pixels + head val ${pct(pixelsScore.val)} test ${pct(pixelsScore.test)}`);
      for (const learningRate of options.learningRates) {
        const tuned = await fineTuneBuiltin({
          spec, projectDir, train, val: data.val, numClasses: 10, plan: { ...plan, learningRate }, backendName: backend.name,
          outDir: join(dir, `tuned-${labels}-${learningRate}`), tunedId: `${BUILTIN_MOBILENET_ID}-ft-${labels}-${rows.length}`,
          onEpoch: (e) => log(`  ${labels} labels, step ${learningRate}: epoch ${e.epoch} loss ${e.loss.toFixed(3)} val ${e.valAccuracy?.toFixed(3)}`),
        });
        log(`  fine-tuning's own classifier on val: frozen ${pct(tuned.report.frozenVal?.accuracy ?? NaN)} → best epoch ${tuned.report.bestEpoch} ${pct(tuned.report.tunedVal?.accuracy ?? NaN)}`);
        const tunedScore = tuned.artifacts ? await headScore(await topFeatures(tuned.artifacts, plan, cut, data), labels) : frozenScore;
        const { report } = tuned;
        rows.push({ labels, learningRate, frozen: frozenScore, tuned: tunedScore, pixels: pixelsScore, kept: report.kept, epochsRun: report.history.length, bestEpoch: report.bestEpoch, secondsPerEpoch: report.secondsPerEpoch });
        log(`${labels} labels, step ${learningRate}: test ${pct(frozenScore.test)} frozen → ${pct(tunedScore.test)} fine-tuned (val ${pct(frozenScore.val)} → ${pct(tunedScore.val)}); pixels ${pct(pixelsScore.test)}; ${report.secondsPerEpoch.toFixed(1)} s/epoch`);
      }
    }
  } finally {
    await cut.close();
    await pixels.close();
  }
  return rows;
}

/** The 1,280-d features of a network (frozen or fine-tuned weights) from the cached cut activations. */
async function topFeatures(artifacts: LayersArtifacts, plan: FineTunePlan, cut: EmbeddingStore, data: Record<Split, LabeledSample[]>): Promise<Features> {
  const top = buildTopNetwork(artifacts, { cutLayer: plan.cutLayer, outputLayer: 'flatten_1', formulation: plan.formulation });
  try {
    const of = async (set: LabeledSample[]): Promise<Dataset> => {
      const x = new Float32Array(set.length * 1280);
      for (let from = 0; from < set.length; from += 64) {
        const rows = set.slice(from, from + 64);
        const activations = await cut.read(rows.map((r) => r.sample.hash));
        const f = tf.tidy(() => top.forward(tf.tensor4d(activations, [rows.length, ...plan.cutShape])));
        x.set(await f.data(), from * 1280);
        f.dispose();
      }
      return { x, y: Int32Array.from(set, (s) => s.classIndex), count: set.length, dim: 1280 };
    };
    return { train: await of(data.train), val: await of(data.val), test: await of(data.test) };
  } finally {
    top.dispose();
  }
}

async function storeFeatures(store: EmbeddingStore, data: Record<Split, LabeledSample[]>): Promise<Features> {
  const of = async (set: LabeledSample[]): Promise<Dataset> => ({ x: await store.read(set.map((s) => s.sample.hash)), y: Int32Array.from(set, (s) => s.classIndex), count: set.length, dim: store.dim });
  return { train: await of(data.train), val: await of(data.val), test: await of(data.test) };
}

/** The studio's default linear head on the first `labels` train rows: val and test accuracy. */
async function headScore(features: Features, labels: number): Promise<HeadScore> {
  const { train } = features;
  const subset = { x: train.x.subarray(0, labels * train.dim), y: train.y.subarray(0, labels), count: labels, dim: train.dim };
  const { head } = await trainHead(subset, defaultHeadConfig('linear'), { numClasses: 10, validation: features.val });
  try {
    const accuracy = (d: Dataset) => {
      const p = head.predict(d.x, d.count);
      let correct = 0;
      for (let i = 0; i < d.count; i++) {
        let best = 0;
        for (let c = 1; c < 10; c++) if (p[i * 10 + c] > p[i * 10 + best]) best = c;
        if (best === d.y[i]) correct++;
      }
      return correct / d.count;
    };
    return { val: accuracy(features.val), test: accuracy(features.test) };
  } finally {
    head.dispose();
  }
}

export const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;
