import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { StudioError } from '../../../shared/contract/channel';
import type { Sample } from '../../../shared/domain/records';
import type { BackboneCard, BackboneSpec } from '../../../shared/ml/cards';
import type { EpochFigures, FineTuneReport } from '../../../shared/ml/runs';
import { writeFileDurably } from '../../services/storage/durableWrite';
import { builtinOnnxPath } from '../backbones/builtin/builtinOnnx';
import { nsfwjsMobileNetV2 } from '../backbones/builtin/nsfwjsModel';
import { embedProject } from '../embeddings/embedProject';
import type { EmbeddingStore } from '../embeddings/EmbeddingStore';
import { layersModelToOnnx, type LayersArtifacts } from '../onnx/layersToOnnx';
import { replaceLayersWeights } from '../onnx/layersWeights';
import type { FineTunePlan } from './fineTunePlan';
import { buildTopNetwork } from './fineTuneTop';
import { trainTop, type ActivationSet } from './fineTuneTraining';

export interface LabeledSample {
  sample: Sample;
  classIndex: number;
}

export interface BuiltinFineTuneOptions {
  /** The built-in network as the catalog resolves it (its converted ONNX file sits in the models folder). */
  spec: BackboneSpec;
  projectDir: string;
  train: LabeledSample[];
  val: LabeledSample[];
  numClasses: number;
  plan: FineTunePlan;
  backendName: string;
  /** Where the fine-tuned ONNX graph is written, and the id of the backbone it becomes. */
  outDir: string;
  tunedId: string;
  batchSize?: number;
  seed?: number;
  signal?: AbortSignal;
  onCacheProgress?(done: number, total: number): void;
  onEpoch?(figures: EpochFigures, maxEpochs: number): void;
  /** After each batch: images trained so far in this epoch. */
  onStep?(epoch: number, maxEpochs: number, done: number, total: number): void;
}

/**
 * Fine-tunes the top of the built-in MobileNetV2 on the labeled images: the frozen lower
 * network runs once per image in onnxruntime up to the plan's cut point (cached in the
 * project's embedding folder, so the next fine-tuning reuses it), the layers above train
 * in TF.js on this backend, and the trained weights go back into the layers model, which is
 * converted again into the new backbone's ONNX graph. When no epoch beats the frozen network
 * on val, the built-in backbone itself is returned and nothing is written.
 */
export interface BuiltinFineTuneResult {
  spec: BackboneSpec;
  report: FineTuneReport;
  /** The fine-tuned layers model (float32 weights), or null when the frozen network was kept. */
  artifacts: LayersArtifacts | null;
}

export async function fineTuneBuiltin(options: BuiltinFineTuneOptions): Promise<BuiltinFineTuneResult> {
  const { spec, plan } = options;
  if (spec.builtin !== 'nsfwjs-mobilenetv2' || !spec.modelPath) throw new StudioError('unsupported', `"${spec.card.id}" is not the built-in network; only it fine-tunes on every backend.`);
  if (options.train.length === 0) throw new StudioError('invalid-request', 'Fine-tuning needs labeled images in the train split.');
  const cacheStarted = performance.now();
  const { store, report: cached } = await embedProject({
    projectDir: options.projectDir,
    spec: { card: cutCard(spec.card, plan), modelPath: await builtinOnnxPath(dirname(dirname(spec.modelPath)), plan.cutLayer) },
    samples: [...options.train, ...options.val].map((l) => l.sample),
    batchSize: options.batchSize ?? 32,
    signal: options.signal,
    onProgress: options.onCacheProgress,
  });
  const cacheSeconds = cached.computed ? (performance.now() - cacheStarted) / 1000 : 0;
  const artifacts = await nsfwjsMobileNetV2();
  let trained: Awaited<ReturnType<typeof trainTop>>;
  let trainedLayers: string[];
  let top: ReturnType<typeof buildTopNetwork> | undefined;
  try {
    if (cached.cancelled) throw new StudioError('cancelled', 'Fine-tuning was cancelled while caching activations.', 'What was cached is kept.');
    const train = await activations(store, options.train);
    const val = await activations(store, options.val);
    top = buildTopNetwork(artifacts, { cutLayer: plan.cutLayer, outputLayer: 'flatten_1', formulation: plan.formulation });
    trainedLayers = top.trainedLayers;
    trained = await trainTop(top, { train, val: val.count ? val : null, numClasses: options.numClasses, cutShape: plan.cutShape }, plan, {
      seed: options.seed,
      signal: options.signal,
      onEpoch: (figures) => options.onEpoch?.(figures, plan.maxEpochs),
      onStep: (epoch, done, total) => options.onStep?.(epoch, plan.maxEpochs, done, total),
    });
  } finally {
    top?.dispose();
    await store.close();
  }
  const report: FineTuneReport = {
    backend: options.backendName,
    formulation: plan.formulation,
    cutLayer: plan.cutLayer,
    trains: plan.trains,
    trainedLayers,
    labels: { train: options.train.length, val: options.val.length },
    history: trained.history,
    bestEpoch: trained.bestEpoch,
    stoppedEarly: trained.stoppedEarly,
    secondsPerEpoch: trained.secondsPerEpoch,
    cacheSeconds,
    frozenVal: trained.frozenVal,
    tunedVal: trained.tunedVal,
    kept: trained.weights ? 'fine-tuned' : 'frozen',
  };
  if (!trained.weights) return { spec, report, artifacts: null };
  const tuned: LayersArtifacts = { modelTopology: artifacts.modelTopology, ...replaceLayersWeights(artifacts.weightSpecs, artifacts.weightData, trained.weights) };
  const modelPath = join(options.outDir, 'model.onnx');
  await mkdir(options.outDir, { recursive: true });
  await writeFileDurably(modelPath, layersModelToOnnx(tuned, { outputLayer: 'flatten_1', inputName: spec.card.input.name }));
  const card: BackboneCard = { ...spec.card, id: options.tunedId, name: `${spec.card.name}, fine-tuned on ${options.train.length} labels` };
  return { spec: { card, modelPath }, report, artifacts: tuned };
}

/** The card that reads the built-in network's activations at the cut point, one flat row per image. */
export function cutCard(card: BackboneCard, plan: FineTunePlan): BackboneCard {
  const [h, w, c] = plan.cutShape;
  return { ...card, id: `${card.id}-cut-${plan.cutLayer}`.toLowerCase(), name: `${card.name} at ${plan.cutLayer}`, output: { name: plan.cutLayer, tap: 'output', pool: 'flatten' }, embeddingSize: h * w * c };
}

async function activations(store: EmbeddingStore, labeled: LabeledSample[]): Promise<ActivationSet> {
  const usable = labeled.filter((l) => store.has(l.sample.hash));
  return {
    x: await store.read(usable.map((l) => l.sample.hash)),
    y: Int32Array.from(usable, (l) => l.classIndex),
    count: usable.length,
    dim: store.dim,
  };
}
