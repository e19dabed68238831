import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { BackboneCard } from '../../../../shared/ml/cards';
import { pixelsCard } from '../../../../shared/ml/pixels';
import { fileModelIO } from '../../../../electron/worker/backbones/tfjsFiles';
import { imageBatch } from '../../../../electron/worker/export/imageInput';
import { writeTfjsModel, type TfjsBackbone } from '../../../../electron/worker/export/tfjsExport';
import { colourImages, maxDifference, studioProbabilities } from './studioPredictions';
import { tempDir } from '../../../helpers/tempProject';
import { writeTinyTfjsModel } from '../../../helpers/tinyModels';

async function predictSaved(dir: string, input: tf.Tensor): Promise<Float32Array> {
  const model = await tf.loadLayersModel(fileModelIO(join(dir, 'model.json')));
  try {
    const y = model.predict(input) as tf.Tensor;
    const data = (await y.data()) as Float32Array;
    y.dispose();
    return data;
  } finally {
    model.dispose();
  }
}

async function pixelTensor(paths: string[], card: BackboneCard): Promise<tf.Tensor> {
  const { height, width, channels } = card.input;
  return tf.tensor4d(Float32Array.from(await imageBatch(paths, card)), [paths.length, height, width, channels]);
}

describe('TF.js export (model.json + weights)', () => {
  const pixelCases: { name: string; card: BackboneCard; kind: 'linear' | 'mlp' }[] = [
    { name: 'pixels RGB, linear head', card: pixelsCard('pixels-8x8-rgb')!, kind: 'linear' },
    { name: 'pixels grayscale, MLP head', card: pixelsCard('pixels-6x6-gray')!, kind: 'mlp' },
  ];
  for (const c of pixelCases) {
    it(`takes resized pixel values and gives the studio's probabilities within 1e-5: ${c.name}`, async () => {
      const dir = await tempDir();
      const { paths, y } = await colourImages(dir);
      const studio = await studioProbabilities(c.card, null, paths, y, c.kind);
      const result = await writeTfjsModel(c.card, studio.saved, { kind: 'pixels' }, join(dir, 'tfjs'));
      expect(result).toMatchObject({ scope: 'pipeline', inputShape: [-1, c.card.input.height, c.card.input.width, c.card.input.channels], headOnlyReason: null });
      const input = await pixelTensor(paths, c.card);
      expect(maxDifference(await predictSaved(join(dir, 'tfjs'), input), studio.probabilities)).toBeLessThan(1e-5);
      input.dispose();
    });
  }

  it("carries a TF.js layers backbone, cut where the card taps it, with the card's normalisation in front", async () => {
    const dir = await tempDir();
    const { paths, y } = await colourImages(dir);
    const { modelPath, card } = await writeTinyTfjsModel(join(dir, 'backbone'));
    const normalized = { ...card, preprocess: { ...card.preprocess, mean: [0.5, 0.4, 0.3], std: [0.2, 0.25, 0.3] } };
    const studio = await studioProbabilities(normalized, modelPath, paths, y, 'mlp');
    const before = tf.memory().numTensors;
    await writeTfjsModel(normalized, studio.saved, { kind: 'layers', modelPath }, join(dir, 'tfjs'));
    expect(tf.memory().numTensors).toBe(before);
    const input = await pixelTensor(paths, normalized);
    expect(maxDifference(await predictSaved(join(dir, 'tfjs'), input), studio.probabilities)).toBeLessThan(1e-5);
    input.dispose();
  });

  it('a TF.js backbone with token outputs and cls pooling takes the first token, as the studio does', async () => {
    const dir = await tempDir();
    const { paths, y } = await colourImages(dir);
    const model = tf.sequential({
      layers: [
        tf.layers.reshape({ inputShape: [4, 4, 3], targetShape: [16, 3] }),
        tf.layers.dense({ units: 6, name: 'tokens', kernelInitializer: tf.initializers.glorotUniform({ seed: 4 }) }),
      ],
    });
    const modelPath = join(dir, 'tokens', 'model.json');
    await model.save(fileModelIO(modelPath));
    model.dispose();
    const card: BackboneCard = {
      id: 'tiny-tokens',
      name: 'Tiny token model',
      engine: 'tfjs',
      input: { width: 4, height: 4, channels: 3, layout: 'NHWC' },
      preprocess: { resize: 'cover', cropFraction: 1, scale: 1 / 255, mean: [0, 0, 0], std: [1, 1, 1] },
      output: { name: 'tokens', tap: 'output', pool: 'cls' },
      embeddingSize: 6,
    };
    const studio = await studioProbabilities(card, modelPath, paths, y, 'linear');
    await writeTfjsModel(card, studio.saved, { kind: 'layers', modelPath }, join(dir, 'tfjs'));
    const input = await pixelTensor(paths, card);
    expect(maxDifference(await predictSaved(join(dir, 'tfjs'), input), studio.probabilities)).toBeLessThan(1e-5);
    input.dispose();
  });

  it('is the head alone when there is no TF.js backbone to carry, and says why', async () => {
    const dir = await tempDir();
    const { paths, y } = await colourImages(dir);
    const card = pixelsCard('pixels-4x4-rgb')!;
    const studio = await studioProbabilities(card, null, paths, y, 'linear');
    const backbone: TfjsBackbone = { kind: 'none', why: 'The backbone is an ONNX model.' };
    const result = await writeTfjsModel(card, studio.saved, backbone, join(dir, 'tfjs'));
    expect(result).toEqual({ scope: 'head-only', inputShape: [-1, 48], headOnlyReason: 'The backbone is an ONNX model.' });
    const input = tf.tensor2d(studio.embeddings, [paths.length, 48]);
    expect(maxDifference(await predictSaved(join(dir, 'tfjs'), input), studio.probabilities)).toBeLessThan(1e-5);
    input.dispose();
  });
});
