import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StudioError } from '../../../../shared/contract/channel';
import { inputLength } from '../../../../shared/ml/cards';
import { pixelsCard } from '../../../../shared/ml/pixels';
import { loadBackbone } from '../../../../electron/worker/backbones/index';
import { registerBackboneKind } from '../../../../electron/worker/backbones/registry';
import { pixelsKind } from '../../../../electron/worker/backbones/pixels';
import { validateBackbone } from '../../../../electron/worker/backbones/validate';
import { selectBackend } from '../../../../electron/worker/tf/backend';
import { tinyOnnxCard, writeTinyOnnx, writeTinyTfjsGraphModel, writeTinyTfjsModel } from '../../../helpers/tinyModels';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'studio-backbones-'));
  await selectBackend({ only: ['cpu'] });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function batchOf(count: number, length: number): Float32Array {
  return new Float32Array(count * length).map((_, i) => Math.cos(i * 0.37));
}

describe('ONNX backbones', () => {
  it('embed a batch through onnxruntime-node on the CPU provider', async () => {
    const modelPath = await writeTinyOnnx(join(dir, 'tiny.onnx'));
    const card = tinyOnnxCard('tiny');
    const backbone = await loadBackbone({ card, modelPath });
    const out = await backbone.embed(batchOf(3, inputLength(card)), 3);
    expect(out).toHaveLength(3 * 8);
    expect(backbone.executionProviders).toContain('cpu');
    expect(backbone.outputName).toBe('embedding');
    await backbone.dispose();
  });

  it('a card with the wrong embedding size is rejected when the model is added, saying the right size', async () => {
    const modelPath = await writeTinyOnnx(join(dir, 'size.onnx'));
    const card = { ...tinyOnnxCard('size'), embeddingSize: 9 };
    const error = await validateBackbone({ card, modelPath }).catch((e: StudioError) => e);
    expect(error).toBeInstanceOf(StudioError);
    expect((error as StudioError).message).toMatch(/says "size" gives 9 values per image, but output "embedding" \[1, 8\] gives 8/);
    expect((error as StudioError).hint).toMatch(/"embeddingSize": 8/);
  });

  it('a card naming a missing output lists the outputs the model has', async () => {
    const modelPath = await writeTinyOnnx(join(dir, 'out.onnx'));
    const card = tinyOnnxCard('out');
    card.output = { ...card.output, name: 'features' };
    await expect(validateBackbone({ card, modelPath })).rejects.toThrow(/no output named "features"; its outputs are: embedding/);
  });

  it('a card with the wrong input size or layout is caught from the model\'s declared input', async () => {
    const modelPath = await writeTinyOnnx(join(dir, 'in.onnx'), { size: 16 });
    const card = tinyOnnxCard('in', { size: 32 });
    await expect(validateBackbone({ card, modelPath })).rejects.toThrow(/input "pixels" is \[batch, 3, 16, 16\], but the card describes \[batch, 3, 32, 32\]/);
    const nhwc = { ...tinyOnnxCard('in'), input: { ...tinyOnnxCard('in').input, layout: 'NHWC' as const } };
    await expect(validateBackbone({ card: nhwc, modelPath })).rejects.toThrow(/\(NHWC\)/);
  });

  it('the classifier-input tap turns an ImageNet-style classifier into its penultimate features', async () => {
    const plain = await writeTinyOnnx(join(dir, 'plain.onnx'));
    const classifier = await writeTinyOnnx(join(dir, 'classifier.onnx'), { classifier: 5 });
    const features = await loadBackbone({ card: tinyOnnxCard('plain'), modelPath: plain });
    const tapped = await loadBackbone({ card: tinyOnnxCard('cls', { classifier: 5 }), modelPath: classifier });
    const batch = batchOf(2, inputLength(tinyOnnxCard('plain')));
    expect(Array.from(await tapped.embed(batch, 2))).toEqual(Array.from(await features.embed(batch, 2)));
    expect(tapped.outputName).toBe('features');
    await features.dispose();
    await tapped.dispose();
  });

  it('a file that is not an ONNX model gets a clear message', async () => {
    const { writeFile } = await import('node:fs/promises');
    const modelPath = join(dir, 'junk.onnx');
    await writeFile(modelPath, 'not a model');
    await expect(loadBackbone({ card: tinyOnnxCard('junk'), modelPath })).rejects.toThrow(/onnxruntime cannot load/);
  });
});

describe('TF.js backbones', () => {
  it('a layers model.json loads over file:// and embeds from a named layer', async () => {
    const { modelPath, card } = await writeTinyTfjsModel(join(dir, 'tfjs'));
    const report = await validateBackbone({ card, modelPath });
    expect(report).toMatchObject({ embeddingSize: 6, outputName: expect.stringContaining('features') });
  });

  it('repeated embedding leaves the number of TF.js tensors unchanged', async () => {
    const { modelPath, card } = await writeTinyTfjsModel(join(dir, 'tfjs-leak'));
    const backbone = await loadBackbone({ card, modelPath });
    const batch = batchOf(4, inputLength(card));
    await backbone.embed(batch, 4); // burn-in
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) await backbone.embed(batch, 4);
    expect(tf.memory().numTensors).toBe(before);
    await backbone.dispose();
  });

  it('a graph model.json runs too, and its declared input shape is checked against the card', async () => {
    const { modelPath, card } = await writeTinyTfjsGraphModel(join(dir, 'graph'));
    const backbone = await loadBackbone({ card, modelPath });
    const out = await backbone.embed(new Float32Array(2 * 48).fill(0.25), 2);
    expect(Array.from(out)).toEqual([0.25, 0.25, 0.25, 0.25, 0.25, 0.25]);
    await backbone.dispose();
    const wrong = { ...card, input: { ...card.input, width: 8, height: 8 } };
    await expect(validateBackbone({ card: wrong, modelPath })).rejects.toThrow(/input "pixels" is \[batch, 4, 4, 3\], but the card describes \[batch, 8, 8, 3\]/);
  });

  it('a layer name that does not exist lists the layers', async () => {
    const { modelPath, card } = await writeTinyTfjsModel(join(dir, 'tfjs-name'));
    card.output = { ...card.output, name: 'penultimate' };
    await expect(validateBackbone({ card, modelPath })).rejects.toThrow(/no layer named "penultimate"; its layers are: .*features/);
  });
});

describe('pixels and the registry', () => {
  it('pixels embeds the preprocessed image itself, at the size its id names', async () => {
    const card = pixelsCard('pixels-28x28-gray')!;
    expect(card.embeddingSize).toBe(784);
    const backbone = await loadBackbone({ card, modelPath: null });
    const batch = batchOf(2, 784);
    expect(Array.from(await backbone.embed(batch, 2))).toEqual(Array.from(batch));
  });

  it('registering an engine twice is refused', () => {
    expect(() => registerBackboneKind(pixelsKind)).toThrow(/already registered/);
  });
});
