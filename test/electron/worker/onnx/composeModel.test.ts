import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import onnxProto from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { pixelsCard } from '../../../../shared/ml/pixels';
import { exportableBackbone } from '../../../../electron/worker/export/backboneGraphs';
import { imageBatch } from '../../../../electron/worker/export/imageInput';
import type { BackboneCard } from '../../../../shared/ml/cards';
import { defaultHeadConfig, type SavedHead } from '../../../../electron/worker/heads/index';
import { composePipeline, type BackboneGraph } from '../../../../electron/worker/onnx/composeModel';
import { checkOnnxModel, onnxChecker } from '../../../helpers/onnxChecker';
import { colourImages, maxDifference, studioProbabilities } from '../export/studioPredictions';
import { tempDir } from '../../../helpers/tempProject';
import { tinyConvOnnx, tinyOnnxCard, writeTinyTfjsModel } from '../../../helpers/tinyModels';

async function exportedProbabilities(path: string, card: BackboneCard, paths: string[]): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(path);
  const batch = await imageBatch(paths, card);
  const { height, width, channels } = card.input;
  const result = await session.run({ image: new ort.Tensor('uint8', batch, [paths.length, height, width, channels]) });
  await session.release();
  return result.probabilities.data as Float32Array;
}

describe('one ONNX graph from uint8 pixels to class probabilities', () => {
  const cases: { name: string; card: BackboneCard; model?: Uint8Array; kind: 'linear' | 'mlp'; featureRank?: number }[] = [
    { name: 'pixels backbone, linear head', card: pixelsCard('pixels-8x8-rgb')!, kind: 'linear' },
    { name: 'pixels backbone (grayscale), MLP head', card: pixelsCard('pixels-6x6-gray')!, kind: 'mlp' },
    { name: 'ONNX backbone tapped at its classifier input (NCHW, mean/std)', card: tinyOnnxCard('tiny-classifier', { classifier: 5, size: 16 }), model: tinyConvOnnx({ classifier: 5, size: 16 }), kind: 'linear' },
    {
      name: 'ONNX backbone with a mean-pooled rank-4 feature map, MLP head',
      card: { ...tinyOnnxCard('tiny-map', { size: 16 }), output: { name: 'relu', tap: 'output', pool: 'mean' } },
      // The feature map is a graph output without a declared shape: its rank comes from the caller.
      model: withOutput(tinyConvOnnx({ size: 16 }), 'relu'),
      kind: 'mlp',
      featureRank: 4,
    },
  ];

  cases.push({
    name: 'ONNX backbone with a [batch, tokens, dim] output and cls pooling (the first token)',
    card: { ...tinyOnnxCard('tiny-tokens', { size: 4 }), output: { name: 'tokens', tap: 'output', pool: 'cls' }, embeddingSize: 6 },
    model: tokensOnnx(),
    kind: 'linear',
  });

  for (const c of cases) {
    it(`gives the studio's probabilities within 1e-5 and passes the ONNX checker: ${c.name}`, async () => {
      const dir = await tempDir();
      const { paths, y } = await colourImages(dir);
      const modelPath = c.model ? join(dir, 'backbone.onnx') : null;
      if (modelPath) await writeFile(modelPath, c.model!);
      const studio = await studioProbabilities(c.card, modelPath, paths, y, c.kind);
      const backbone: BackboneGraph = c.model ? { kind: 'onnx', bytes: c.model, featureRank: c.featureRank } : { kind: 'pixels' };
      const composed = composePipeline({ card: c.card, backbone, head: studio.saved, classNames: ['red', 'blue'], metadata: { runId: 'run-1' } });
      const out = join(dir, 'model.onnx');
      await writeFile(out, composed.bytes);

      expect(maxDifference(await exportedProbabilities(out, c.card, paths), studio.probabilities)).toBeLessThan(1e-5);
      expect(composed.irVersion).toBe(8);
      expect(composed.opset).toBeLessThanOrEqual(17);
      if (onnxChecker.available) expect(checkOnnxModel(out)).toMatchObject({ irVersion: 8 });
      else console.warn(`ONNX checker skipped: ${onnxChecker.reason}`);
    });
  }

  it("carries a TF.js layers backbone through the TF.js → ONNX converter and still gives the studio's probabilities", async () => {
    const dir = await tempDir();
    const { paths, y } = await colourImages(dir);
    const { modelPath, card } = await writeTinyTfjsModel(join(dir, 'backbone'));
    const normalized: BackboneCard = { ...card, preprocess: { ...card.preprocess, mean: [0.5, 0.4, 0.3], std: [0.2, 0.25, 0.3] } };
    const studio = await studioProbabilities(normalized, modelPath, paths, y, 'linear');
    const exportable = await exportableBackbone({ card: normalized, modelPath }, 'run-1');
    expect(exportable).toMatchObject({ onnxHeadOnlyReason: null, tfjs: { kind: 'layers' } });
    const out = join(dir, 'model.onnx');
    await writeFile(out, composePipeline({ card: normalized, backbone: exportable.onnx, head: studio.saved, classNames: ['red', 'blue'] }).bytes);
    expect(maxDifference(await exportedProbabilities(out, normalized, paths), studio.probabilities)).toBeLessThan(1e-5);
    if (onnxChecker.available) checkOnnxModel(out);
  });

  it("leaves an ImageNet-style classifier's final layer out of the export", () => {
    const card = tinyOnnxCard('tiny-classifier', { classifier: 5 });
    const composed = composePipeline({ card, backbone: { kind: 'onnx', bytes: tinyConvOnnx({ classifier: 5 }) }, head: constantHead(8), classNames: ['a', 'b'] });
    expect(composed.droppedNodes).toBe(1);
  });

  it('refuses a head trained on another backbone, and class names that do not match it', () => {
    const card = pixelsCard('pixels-8x8-rgb')!;
    const head = constantHead(10);
    expect(() => composePipeline({ card, backbone: { kind: 'pixels' }, head, classNames: ['a', 'b'] })).toThrow(/takes 10 features but the backbone gives 192/);
    expect(() => composePipeline({ card, backbone: { kind: 'pixels' }, head, classNames: ['a'] })).toThrow(/2 outputs but 1 class names/);
  });
});

/** `pixels` [batch, 3, 4, 4] → 1×1 Conv to 6 channels → Reshape → `tokens` [batch, 16, 6], like a ViT's token output. */
function tokensOnnx(): Uint8Array {
  const { onnx } = onnxProto;
  const FLOAT = onnx.TensorProto.DataType.FLOAT;
  const weights = new Float32Array(18).map((_, i) => Math.sin(i + 1) * 0.5);
  const value = (name: string, dims: (number | string)[]) => ({ name, type: { tensorType: { elemType: FLOAT, shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) } } } });
  const graph = {
    name: 'tokens',
    input: [value('pixels', ['batch', 3, 4, 4])],
    output: [value('tokens', ['batch', 16, 6])],
    initializer: [
      { name: 'W', dims: [6, 3, 1, 1], dataType: FLOAT, rawData: new Uint8Array(weights.buffer) },
      { name: 'shape', dims: [3], dataType: onnx.TensorProto.DataType.INT64, int64Data: [-1, 16, 6] },
    ],
    node: [
      { opType: 'Conv', input: ['pixels', 'W'], output: ['conv'] },
      { opType: 'Reshape', input: ['conv', 'shape'], output: ['tokens'] },
    ],
  };
  return onnx.ModelProto.encode(onnx.ModelProto.create({ irVersion: 7, opsetImport: [{ domain: '', version: 13 }], graph })).finish();
}

/** The same model with `name` as its only graph output, shape left undeclared. */
function withOutput(bytes: Uint8Array, name: string): Uint8Array {
  const model = onnxProto.onnx.ModelProto.decode(bytes);
  model.graph!.output = [onnxProto.onnx.ValueInfoProto.create({ name, type: { tensorType: { elemType: onnxProto.onnx.TensorProto.DataType.FLOAT } } })];
  return onnxProto.onnx.ModelProto.encode(model).finish();
}

/** A linear head for `dim` features and 2 classes with all-zero weights. */
function constantHead(dim: number): SavedHead {
  const tensor = (shape: number[], value: number) => ({ shape, data: Buffer.from(new Float32Array(shape.reduce((a, b) => a * b, 1)).fill(value).buffer).toString('base64') });
  return { format: 'studio-head/1', config: defaultHeadConfig('linear'), dim, numClasses: 2, weights: { mean: tensor([dim], 0), scale: tensor([dim], 1), layers: [{ kernel: tensor([dim, 2], 0), bias: tensor([2], 0) }] } };
}
