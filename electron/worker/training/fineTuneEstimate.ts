import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as tf from '@tensorflow/tfjs';
import { StudioError } from '../../../shared/contract/channel';
import { cardFingerprint, inputLength } from '../../../shared/ml/cards';
import type { FineTuneEstimate, ValidJobOf } from '../../../shared/ml/messages';
import { loadBackbone } from '../backbones/index';
import { builtinOnnxPath } from '../backbones/builtin/builtinOnnx';
import { nsfwjsMobileNetV2 } from '../backbones/builtin/nsfwjsModel';
import { EmbeddingStore, embeddingDir } from '../embeddings/EmbeddingStore';
import type { JobContext } from '../jobs/context';
import { readSamples } from '../project/readSamples';
import { cutCard } from './fineTuneBuiltin';
import { fineTunePlan } from './fineTunePlan';
import { buildTopNetwork, matMul } from './fineTuneTop';

const PROBE = 8;

/**
 * Times what fine-tuning would do here, before the user starts it: the cut-point network
 * on a batch of dummy images (the whole network costs about the same, for re-embedding),
 * and one training step of the top on random activations; then scales by the images whose
 * activations are not cached yet, the train labels per epoch and the pool.
 */
export async function runFineTuneEstimateJob(job: ValidJobOf<'fine-tune-estimate'>, context: JobContext): Promise<FineTuneEstimate> {
  const { backbone } = job;
  if (!backbone.builtin || !backbone.modelPath) throw new StudioError('unsupported', `"${backbone.card.id}" is not the built-in network.`);
  const plan = fineTunePlan(context.backend);
  const card = cutCard(backbone.card, plan);
  const cut = await loadBackbone({ card, modelPath: await builtinOnnxPath(dirname(dirname(backbone.modelPath)), plan.cutLayer) });
  let perImage: number;
  try {
    const batch = new Float32Array(PROBE * inputLength(card)).fill(0.5);
    await cut.embed(batch, 1); // warm-up
    const t0 = performance.now();
    await cut.embed(batch, PROBE);
    // Decoding runs beside inference on the same cores: about a third more (measured in bench/embedding.ts).
    perImage = ((performance.now() - t0) / 1000 / PROBE) * 1.3;
  } finally {
    await cut.dispose();
  }
  const perSample = await timeTrainingStep(plan);
  const toCache = await uncached(job, card);
  const cacheSeconds = toCache * perImage;
  const secondsPerEpoch = job.train.length * perSample;
  const embedSeconds = job.poolSize * perImage;
  return {
    backend: context.backend.name,
    trains: plan.trains,
    toCache,
    cacheSeconds,
    maxEpochs: plan.maxEpochs,
    secondsPerEpoch,
    embedSeconds,
    totalSeconds: cacheSeconds + plan.maxEpochs * secondsPerEpoch + embedSeconds,
  };
}

/** Seconds per training sample of the plan's top on this backend: `steps` timed batches after one warm-up. */
export async function timeTrainingStep(plan: ReturnType<typeof fineTunePlan>, steps = 1): Promise<number> {
  const top = buildTopNetwork(await nsfwjsMobileNetV2(), { cutLayer: plan.cutLayer, outputLayer: 'flatten_1', formulation: plan.formulation });
  const optimizer = tf.train.adam(plan.learningRate);
  const n = plan.batchSize;
  const [x, w, y] = tf.tidy(() => [tf.randomUniform([n, ...plan.cutShape], 0, 2), tf.variable(tf.zeros([1280, 2])), tf.oneHot(tf.tensor1d(Array.from({ length: n }, (_, i) => i % 2), 'int32'), 2)]);
  const step = () => optimizer.minimize(() => tf.losses.softmaxCrossEntropy(y, matMul(top.forward(x as tf.Tensor4D), w)) as tf.Scalar, true, [...top.variables, w as tf.Variable]);
  try {
    const warm = step();
    await warm?.data();
    warm?.dispose();
    const t0 = performance.now();
    for (let i = 0; i < steps; i++) {
      const timed = step();
      await timed?.data();
      timed?.dispose();
    }
    return (performance.now() - t0) / 1000 / n / steps;
  } finally {
    tf.dispose([x, w, y]);
    optimizer.dispose();
    top.dispose();
  }
}

async function uncached(job: ValidJobOf<'fine-tune-estimate'>, card: ReturnType<typeof cutCard>): Promise<number> {
  const wanted = new Set([...job.train, ...job.val]);
  const samples = (await readSamples(job.projectDir)).filter((s) => wanted.has(s.id));
  const store = await EmbeddingStore.open(embeddingDir(job.projectDir, card.id), { backboneId: card.id, dim: card.embeddingSize, fingerprint: cardFingerprint(card) });
  try {
    return samples.filter((s) => !store.has(s.hash)).length;
  } finally {
    await store.close();
  }
}
