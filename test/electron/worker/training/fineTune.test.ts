import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBackbone } from '../../../../electron/worker/backbones/index';
import { fineTuneAvailability } from '../../../../electron/worker/training/fineTune';
import { fineTuneBackbone } from '../../../../electron/worker/training/fineTuneBackbone';
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

describe('full fine-tuning of a backbone', () => {
  it('is offered only on a native backend and for TF.js backbones, and says why not', async () => {
    const wasm = { name: 'wasm' as const, native: false, skipped: [{ name: 'tensorflow' as const, reason: 'not installed' }] };
    expect(fineTuneAvailability(wasm)).toEqual({ available: false, reason: expect.stringMatching(/needs the native TensorFlow backend .*tensorflow: not installed.*runs TF\.js on wasm/) });
    const native = { name: 'tensorflow' as const, native: true, skipped: [] };
    expect(fineTuneAvailability(native, tinyOnnxCard('onnx-net'))).toMatchObject({ available: false, reason: expect.stringMatching(/ONNX backbone/) });
    const { card } = await writeTinyTfjsModel(join(await tempDir(), 'tfjs'));
    expect(fineTuneAvailability(native, card)).toMatchObject({ available: true });
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
