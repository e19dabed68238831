import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBackbone } from '../../../../electron/worker/backbones/index';
import { fineTuneAvailability } from '../../../../electron/worker/training/fineTune';
import { fineTuneBackbone } from '../../../../electron/worker/training/fineTuneBackbone';
import { fineTunePlan } from '../../../../electron/worker/training/fineTunePlan';
import { builtinMobileNetCard } from '../../../../shared/ml/builtinNetworks';
import { selectBackend } from '../../../../electron/worker/tf/backend';
import { inputLength } from '../../../../shared/ml/cards';
import { tempDir } from '../../../helpers/tempProject';
import { tinyOnnxCard, writeTinyTfjsModel } from '../../../helpers/tinyModels';
import { classImage } from '../../services/ml/mlFixtures';
import { routeFileUrls } from '../../../../electron/worker/backbones/tfjsFiles';
import { pathToFileURL } from 'node:url';

beforeAll(async () => {
  await selectBackend({ only: ['cpu'] });
});

describe('fine-tuning a backbone', () => {
  it('is offered for the built-in network everywhere, for other TF.js backbones only on a native backend, and says why not', async () => {
    const wasm = { name: 'wasm' as const, native: false, skipped: [{ name: 'tensorflow' as const, reason: 'not installed' }] };
    const native = { name: 'tensorflow' as const, native: true, skipped: [] };
    const builtin = { card: builtinMobileNetCard, modelPath: '/models/mobilenetv2-builtin/x.onnx', builtin: 'nsfwjs-mobilenetv2' as const };
    expect(fineTuneAvailability(wasm, builtin)).toEqual({ available: true, reason: expect.stringMatching(/block 16 and the last 1×1 convolution .* on wasm, from activations cached at block_15_add; a native TensorFlow backend .* would train blocks 13–16/) });
    expect(fineTuneAvailability(native, builtin)).toEqual({ available: true, reason: expect.stringMatching(/blocks 13–16 .* on tensorflow, from activations cached at block_12_add\.$/) });
    const { card, modelPath } = await writeTinyTfjsModel(join(await tempDir(), 'tfjs'));
    expect(fineTuneAvailability(wasm, { card, modelPath })).toEqual({ available: false, reason: expect.stringMatching(/needs the native TensorFlow backend .*tensorflow: not installed.*runs TF\.js on wasm/) });
    expect(fineTuneAvailability(native, { card, modelPath })).toMatchObject({ available: true });
    expect(fineTuneAvailability(native, { card: tinyOnnxCard('onnx-net'), modelPath: '/m.onnx' })).toMatchObject({ available: false, reason: expect.stringMatching(/ONNX backbone/) });
  });

  it('picks the deeper native plan when the backend selection finds libtensorflow, the portable one otherwise', async () => {
    const present = await selectBackend({ only: ['tensorflow', 'cpu'], loaders: { tensorflow: async () => undefined } });
    expect(present).toMatchObject({ name: 'tensorflow', native: true });
    expect(fineTunePlan(present)).toMatchObject({ formulation: 'native', cutLayer: 'block_12_add', cutShape: [14, 14, 96] });
    const missing = await selectBackend({ only: ['tensorflow', 'cpu'], loaders: { tensorflow: async () => Promise.reject(new Error('Cannot find module @tensorflow/tfjs-node')) } });
    expect(missing).toMatchObject({ name: 'cpu', native: false, skipped: [{ name: 'tensorflow', reason: 'not installed' }] });
    expect(fineTunePlan(missing)).toMatchObject({ formulation: 'portable', cutLayer: 'block_15_add', cutShape: [7, 7, 160] });
  });

  // The routine itself runs where a native backend exists; here it is exercised on the cpu
  // backend with a tiny network to prove what it changes and what it keeps.
  it('trains the last layers with a classifier, keeps earlier layers frozen, and saves a new backbone', async () => {
    const root = await tempDir();
    const { modelPath, card } = await writeTinyTfjsModel(join(root, 'tfjs'));
    const images = await Promise.all(Array.from({ length: 12 }, (_, i) => classImage(join(root, 'img', `${i}.png`), i % 2, i, 16).then((path) => ({ path, classIndex: i % 2 }))));
    routeFileUrls();
    const before = await tf.loadLayersModel(pathToFileURL(modelPath).href);
    const weightsOf = (model: tf.LayersModel, name: string) => model.getLayer(name).getWeights()[0].dataSync().slice();
    const convBefore = weightsOf(before, before.layers[0].name);
    const featuresBefore = weightsOf(before, 'features');
    before.dispose();

    const outDir = join(root, 'runs', 'run-x-abc123', 'backbone');
    const epochs: number[] = [];
    const tuned = await fineTuneBackbone({ spec: { card, modelPath }, images, numClasses: 2, outDir, trainableLayers: 1, epochs: 3, batchSize: 4, learningRate: 0.01, onEpoch: (e) => epochs.push(e.loss) });
    expect(epochs).toHaveLength(3);
    expect(tuned.spec.card.id).toBe('tiny-tfjs-ft-abc123');

    const after = await tf.loadLayersModel(pathToFileURL(tuned.spec.modelPath!).href);
    expect(Array.from(weightsOf(after, after.layers[1].name))).toEqual(Array.from(convBefore));
    expect(Array.from(weightsOf(after, 'features'))).not.toEqual(Array.from(featuresBefore));
    after.dispose();

    const backbone = await loadBackbone(tuned.spec);
    expect(await backbone.embed(new Float32Array(inputLength(card)), 1)).toHaveLength(card.embeddingSize);
    await backbone.dispose();
  });
});
