import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inputLength, type BackboneCard } from '../../../../shared/ml/cards';
import type { CatalogEntry } from '../../../../shared/ml/catalog';
import { BUILTIN_MOBILENET_ID, builtinMobileNetCard } from '../../../../shared/ml/builtinNetworks';
import { ModelCatalog } from '../../../../electron/services/ml/models/ModelCatalog';
import { loadBackbone } from '../../../../electron/worker/backbones/index';
import { nsfwjsMobileNetV2 } from '../../../../electron/worker/backbones/builtin/nsfwjsModel';
import { decodeForCard } from '../../../../electron/worker/images/decodeForCard';
import { layersModelToOnnx, type LayersArtifacts } from '../../../../electron/worker/onnx/layersToOnnx';
import { comparisonImages } from '../../../helpers/layersZoo';
import { startModelServer } from '../../../helpers/modelServer';
import { tempDir } from '../../../helpers/tempProject';

async function batchOf(paths: string[], card: BackboneCard): Promise<Float32Array> {
  const length = inputLength(card);
  const batch = new Float32Array(paths.length * length);
  await Promise.all(paths.map((path, i) => decodeForCard(path, card, batch, i * length)));
  return batch;
}

/**
 * The built-in network as an ImageNet-style classifier: its 1,280-d `flatten_1` feeds one
 * Dense softmax layer (`predictions`, 5 classes, seeded weights), the shape of the catalog's
 * downloadable classifiers whose penultimate features the `classifier-input` tap reads.
 */
function withClassifierHead(artifacts: LayersArtifacts): LayersArtifacts {
  const topology = structuredClone(artifacts.modelTopology) as { model_config: { config: { layers: { name: string }[]; output_layers: unknown[] } } };
  const config = topology.model_config.config;
  const head = new Set(['dense_1', 'dropout_2', 'dense_2', 'dropout_3', 'dense_3']);
  config.layers = config.layers.filter((l) => !head.has(l.name));
  config.layers.push({
    name: 'predictions',
    class_name: 'Dense',
    config: { name: 'predictions', units: 5, activation: 'softmax', use_bias: true },
    inbound_nodes: [[['flatten_1', 0, 0, {}]]],
  } as { name: string });
  config.output_layers = [['predictions', 0, 0]];
  const kernel = Float32Array.from({ length: 1280 * 5 }, (_, i) => Math.sin(i) * 0.05);
  const bias = Float32Array.of(0.1, -0.1, 0, 0.2, -0.2);
  const extra = new Uint8Array(kernel.byteLength + bias.byteLength);
  extra.set(new Uint8Array(kernel.buffer), 0);
  extra.set(new Uint8Array(bias.buffer), kernel.byteLength);
  const data = Array.isArray(artifacts.weightData) ? artifacts.weightData : [artifacts.weightData];
  return {
    modelTopology: topology,
    weightSpecs: [...artifacts.weightSpecs, { name: 'predictions/kernel', shape: [1280, 5], dtype: 'float32' }, { name: 'predictions/bias', shape: [5], dtype: 'float32' }],
    weightData: [...data, extra.buffer],
  };
}

// One model cache for the file: the built-in network is converted once, not once per test.
let cache: Promise<string> | null = null;
const sharedCacheDir = (): Promise<string> => (cache ??= tempDir());

describe('the built-in pretrained backbone', () => {
  it('is listed as ready, with its licence, source and what its weights learned', async () => {
    const catalog = new ModelCatalog({ cacheDir: await tempDir(), entries: [] });
    const listing = (await catalog.list()).find((l) => l.card.id === BUILTIN_MOBILENET_ID)!;
    expect(listing).toMatchObject({ source: 'built-in', status: 'ready', licence: 'MIT', url: 'https://github.com/infinitered/nsfwjs', integrity: 'built-in' });
    expect(listing.description).toMatch(/ImageNet.*fine-tuned on a 5-class/);
    expect(listing.card).toMatchObject({ engine: 'onnx', embeddingSize: 1280, input: { width: 224, height: 224, channels: 3, layout: 'NHWC' } });
  });

  it('converts to ONNX once, caches the graph under the hash of its weights, and embeds real images as 1,280-d features', async () => {
    const cacheDir = await sharedCacheDir();
    const catalog = new ModelCatalog({ cacheDir, entries: [] });
    const spec = await catalog.resolve(BUILTIN_MOBILENET_ID);
    const { sha256 } = await nsfwjsMobileNetV2();
    expect(spec.modelPath).toBe(join(cacheDir, 'models', BUILTIN_MOBILENET_ID, `${sha256.slice(0, 16)}-r1-flatten_1.onnx`));
    expect(spec.builtin).toBe('nsfwjs-mobilenetv2');
    const first = await stat(spec.modelPath!);
    const again = await new ModelCatalog({ cacheDir, entries: [] }).resolve(BUILTIN_MOBILENET_ID);
    expect((await stat(again.modelPath!)).mtimeMs).toBe(first.mtimeMs);

    const paths = await comparisonImages(await tempDir());
    const backbone = await loadBackbone(spec);
    try {
      const features = await backbone.embed(await batchOf(paths, spec.card), paths.length);
      expect(features).toHaveLength(paths.length * 1280);
      expect(backbone.outputName).toBe('flatten_1');
      expect(backbone.executionProviders).toContain('cpu');
      // Post-ReLU6 averages: non-negative and not all zero.
      expect(Math.min(...features)).toBeGreaterThanOrEqual(0);
      expect(features.some((v) => v > 0.5)).toBe(true);
    } finally {
      await backbone.dispose();
    }
  });

  it("downloads as a catalog classifier, checked and cached like one, and the classifier-input tap finds its 1,280-d features", async () => {
    // The shape of the catalog's MobileNetV2 (a classifier file whose penultimate features the
    // tap reads), served from 127.0.0.1 and fetched the way a catalog model is on first use.
    const classifier = layersModelToOnnx(withClassifierHead(await nsfwjsMobileNetV2()), { outputLayer: 'predictions' });
    const server = await startModelServer({ '/mobilenetv2-classifier.onnx': classifier });
    const entry: CatalogEntry = {
      card: { ...builtinMobileNetCard, id: 'mobilenetv2-classifier-served', name: 'MobileNetV2 classifier (served)', output: { tap: 'classifier-input', pool: 'flatten' } },
      url: server.url('/mobilenetv2-classifier.onnx'),
      bytes: classifier.length,
      licence: 'MIT',
      sha256: createHash('sha256').update(classifier).digest('hex'),
      fileName: 'mobilenetv2-classifier.onnx',
      description: 'test',
    };
    try {
      const catalog = new ModelCatalog({ cacheDir: await sharedCacheDir(), entries: [entry] });
      expect((await catalog.list()).find((l) => l.card.id === entry.card.id)?.status).not.toBe('ready');
      const phases: number[] = [];
      const served = await catalog.resolve(entry.card.id, { onProgress: (p) => phases.push(p.receivedBytes) });
      expect(phases.at(-1)).toBe(classifier.length);
      expect((await catalog.list()).find((l) => l.card.id === entry.card.id)?.status).toBe('ready');

      const paths = await comparisonImages(await tempDir());
      const batch = await batchOf(paths, served.card);
      const tapped = await loadBackbone(served);
      const plain = await loadBackbone(await catalog.resolve(BUILTIN_MOBILENET_ID));
      try {
        expect(tapped.outputName).toBe('flatten_1');
        const fromTap = await tapped.embed(batch, paths.length);
        const direct = await plain.embed(batch, paths.length);
        expect(fromTap).toHaveLength(paths.length * 1280);
        let worst = 0;
        for (let i = 0; i < direct.length; i++) worst = Math.max(worst, Math.abs(fromTap[i] - direct[i]));
        expect(worst).toBeLessThanOrEqual(1e-5);
      } finally {
        await tapped.dispose();
        await plain.dispose();
      }
    } finally {
      await server.close();
    }
  });
});
