import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { StudioError } from '../../../../shared/contract/channel';
import { inputLength, type BackboneSpec } from '../../../../shared/ml/cards';
import { BUILTIN_MOBILENET_ID } from '../../../../shared/ml/builtinNetworks';
import { ModelCatalog } from '../../../../electron/services/ml/models/ModelCatalog';
import { loadBackbone } from '../../../../electron/worker/backbones/index';
import { builtinOnnxPath } from '../../../../electron/worker/backbones/builtin/builtinOnnx';
import { nsfwjsMobileNetV2 } from '../../../../electron/worker/backbones/builtin/nsfwjsModel';
import { decodeForCard } from '../../../../electron/worker/images/decodeForCard';
import { selectBackend } from '../../../../electron/worker/tf/backend';
import { fineTuneBuiltin } from '../../../../electron/worker/training/fineTuneBuiltin';
import { fineTunePlan } from '../../../../electron/worker/training/fineTunePlan';
import { buildTopNetwork, type ConvFormulation } from '../../../../electron/worker/training/fineTuneTop';
import { tempDir } from '../../../helpers/tempProject';
import { shapeSamples } from '../../../helpers/shapeSamples';

let spec: BackboneSpec;
let modelsDir: string;
beforeAll(async () => {
  await selectBackend({ only: ['wasm'] });
  const cacheDir = await tempDir();
  spec = await new ModelCatalog({ cacheDir, entries: [] }).resolve(BUILTIN_MOBILENET_ID);
  modelsDir = join(cacheDir, 'models');
});

const wasm = { name: 'wasm' as const, native: false };

/** Runs `paths` through the built-in network's ONNX graph up to `layer`. */
async function onnxOutput(paths: string[], layer: string, shape: number[]): Promise<Float32Array> {
  const card = { ...spec.card, id: `cut-${layer}`.toLowerCase(), output: { name: layer, tap: 'output' as const, pool: 'flatten' as const }, embeddingSize: shape.reduce((a, b) => a * b, 1) };
  const backbone = await loadBackbone({ card, modelPath: await builtinOnnxPath(modelsDir, layer) });
  try {
    const length = inputLength(card);
    const batch = new Float32Array(paths.length * length);
    await Promise.all(paths.map((path, i) => decodeForCard(path, card, batch, i * length)));
    return await backbone.embed(batch, paths.length);
  } finally {
    await backbone.dispose();
  }
}

describe('fine-tuning the built-in network', () => {
  it.each<[ConvFormulation, string, [number, number, number]]>([
    ['portable', 'block_15_add', [7, 7, 160]],
    ['native', 'block_12_add', [14, 14, 96]],
  ])('the %s top above %s computes from cached activations exactly the features of the whole network', async (formulation, cutLayer, cutShape) => {
    const images = await shapeSamples(await tempDir(), { perClass: 2 });
    const paths = images.map((i) => i.sample.path);
    const cut = await onnxOutput(paths, cutLayer, cutShape);
    const whole = await onnxOutput(paths, 'flatten_1', [1280]);
    const top = buildTopNetwork(await nsfwjsMobileNetV2(), { cutLayer, outputLayer: 'flatten_1', formulation });
    try {
      const features = tf.tidy(() => top.forward(tf.tensor4d(cut, [paths.length, ...cutShape])).dataSync());
      let worst = 0;
      for (let i = 0; i < whole.length; i++) worst = Math.max(worst, Math.abs(features[i] - whole[i]));
      expect(worst).toBeLessThanOrEqual(1e-4);
      expect(top.trainedLayers).toContain('Conv_1');
      expect(top.trainedLayers).toContain(formulation === 'native' ? 'block_13_depthwise' : 'block_16_depthwise');
    } finally {
      top.dispose();
    }
  });

  it('trains block 16 and Conv_1 on wasm, writes a new backbone that embeds differently, records what it did, and leaks no tensor', async () => {
    const projectDir = await tempDir();
    const train = await shapeSamples(projectDir, { perClass: 6 });
    const before = tf.memory().numTensors;
    const epochs: number[] = [];
    const cacheCounts: number[] = [];
    const steps: string[] = [];
    // Without val labels fine-tuning runs a fixed number of epochs and keeps the last one.
    const plan = { ...fineTunePlan(wasm), maxEpochs: 2, batchSize: 8 };
    const outDir = join(projectDir, 'runs', 'run-1', 'backbone');
    const { spec: tuned, report } = await fineTuneBuiltin({
      spec, projectDir, train, val: [], numClasses: 2, plan, backendName: 'wasm', outDir, tunedId: 'mobilenetv2-builtin-ft-run001',
      onCacheProgress: (done) => cacheCounts.push(done),
      onEpoch: (figures) => epochs.push(figures.epoch),
      onStep: (epoch, maxEpochs, done, total) => steps.push(`${epoch}/${maxEpochs}: ${done}/${total}`),
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(epochs).toEqual([1]);
    // Progress within the epoch, one step per batch (12 images in batches of 8).
    expect(steps).toEqual(['1/2: 8/12', '1/2: 12/12']);
    expect(cacheCounts.at(-1)).toBe(12);
    expect(report).toMatchObject({ backend: 'wasm', formulation: 'portable', cutLayer: 'block_15_add', labels: { train: 12, val: 0 }, kept: 'fine-tuned', bestEpoch: 1, frozenVal: null });
    expect(report.trainedLayers).toEqual(['block_16_expand', 'block_16_expand_BN', 'block_16_depthwise', 'block_16_depthwise_BN', 'block_16_project', 'block_16_project_BN', 'Conv_1', 'Conv_1_bn']);
    expect(report.secondsPerEpoch).toBeGreaterThan(0);
    expect(tuned.card).toMatchObject({ id: 'mobilenetv2-builtin-ft-run001', embeddingSize: 1280, input: spec.card.input });
    expect(tuned.modelPath).toBe(join(outDir, 'model.onnx'));
    expect(existsSync(tuned.modelPath!)).toBe(true);

    const paths = train.slice(0, 2).map((t) => t.sample.path);
    const base = await onnxOutput(paths, 'flatten_1', [1280]);
    const backbone = await loadBackbone(tuned);
    const length = inputLength(tuned.card);
    const batch = new Float32Array(2 * length);
    await Promise.all(paths.map((path, i) => decodeForCard(path, tuned.card, batch, i * length)));
    const after = await backbone.embed(batch, 2);
    await backbone.dispose();
    expect(after.every(Number.isFinite)).toBe(true);
    expect(Math.max(...after.map((v, i) => Math.abs(v - base[i])))).toBeGreaterThan(1e-3);
  });

  it('stops when cancelled and keeps the activations it cached, so the next try starts faster', async () => {
    const projectDir = await tempDir();
    const train = await shapeSamples(projectDir, { perClass: 4 });
    const controller = new AbortController();
    const options = { spec, projectDir, train, val: [], numClasses: 2, plan: { ...fineTunePlan(wasm), maxEpochs: 2 }, backendName: 'wasm', outDir: join(projectDir, 'out'), tunedId: 'mobilenetv2-builtin-ft-x' };
    const cancelled = fineTuneBuiltin({ ...options, signal: controller.signal, onCacheProgress: (done, total) => done === total && controller.abort() });
    await expect(cancelled).rejects.toThrow(StudioError);
    await expect(cancelled).rejects.toMatchObject({ code: 'cancelled' });
    expect(existsSync(join(projectDir, 'out', 'model.onnx'))).toBe(false);
    const { report } = await fineTuneBuiltin(options);
    expect(report.cacheSeconds).toBe(0);
  });

  it('keeps the frozen network when no epoch beats it on val, and says so', async () => {
    const projectDir = await tempDir();
    const all = await shapeSamples(projectDir, { perClass: 6, splits: ['train', 'val'] });
    // A step so large that every epoch ruins the features: the frozen weights must win.
    const plan = { ...fineTunePlan(wasm), maxEpochs: 2, learningRate: 0.5 };
    const { spec: kept, report } = await fineTuneBuiltin({
      spec, projectDir, train: all.filter((a) => a.sample.split === 'train'), val: all.filter((a) => a.sample.split === 'val'), numClasses: 2, plan, backendName: 'wasm', outDir: join(projectDir, 'out'), tunedId: 'mobilenetv2-builtin-ft-y',
    });
    expect(report).toMatchObject({ kept: 'frozen', bestEpoch: 0, labels: { train: 6, val: 6 }, frozenVal: { count: 6 } });
    expect(report.tunedVal).toEqual(report.frozenVal);
    expect(kept).toBe(spec);
    expect(existsSync(join(projectDir, 'out', 'model.onnx'))).toBe(false);
  });
});
