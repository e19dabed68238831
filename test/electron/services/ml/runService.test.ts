import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MlWorker } from '../../../../electron/services/ml/MlWorker';
import { ModelCatalog } from '../../../../electron/services/ml/models/ModelCatalog';
import { RunService } from '../../../../electron/services/ml/RunService';
import { getProbabilities } from '../../../../electron/services/ml/probabilities';
import type { RunProgress } from '../../../../shared/ml/runs';
import { tempDir } from '../../../helpers/tempProject';
import { startModelServer } from '../../../helpers/modelServer';
import { tinyConvOnnx, tinyOnnxCard } from '../../../helpers/tinyModels';
import type { CatalogEntry } from '../../../../shared/ml/catalog';
import { createHash } from 'node:crypto';
import { mlProject } from './mlFixtures';

// One worker for the whole file: starting a process per test would dominate the time.
let shared: MlWorker;
beforeAll(() => {
  shared = new MlWorker({ onLog: () => undefined });
});
afterAll(() => shared.dispose());
async function services() {
  const catalog = new ModelCatalog({ cacheDir: await tempDir('studio-cache-') });
  return { worker: shared, runs: new RunService({ worker: shared, catalog }) };
}

describe('training runs', () => {
  it('a run trains on the train labels, stops early on val, scores every sample and records it all', async () => {
    const { project, dir, samples, truth } = await mlProject({ perClass: 10 });
    const { runs } = await services();
    const progress: RunProgress[] = [];
    const handle = await runs.start(project, { backboneId: 'pixels-8x8-rgb', onProgress: (p) => progress.push(p) });
    const record = await handle.done;

    expect(record).toMatchObject({ status: 'succeeded', error: null, backbone: { id: 'pixels-8x8-rgb', embeddingSize: 192 }, scored: 20, unscored: 0 });
    expect(record.labels).toMatchObject({ train: 12, val: 4, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(record.backend?.name).toBeTruthy();
    expect(record.metrics?.val?.accuracy).toBeGreaterThan(0.7);
    expect(record.history.length).toBeGreaterThan(0);
    expect(new Set(progress.map((p) => p.phase))).toEqual(new Set(['embedding', 'training', 'scoring']));

    // runs.json holds the record durably.
    const stored = JSON.parse(await readFile(`${dir}/runs.json`, 'utf8')).data; // inside its checksummed envelope
    expect(stored.runs[0]).toMatchObject({ id: record.id, status: 'succeeded' });

    const probabilities = (await getProbabilities(project))!;
    expect(probabilities.runId).toBe(record.id);
    const classIds = project.doc.classes.map((c) => c.id);
    const testSamples = samples.filter((s) => s.split === 'test');
    const right = testSamples.filter((s) => probabilities.suggestion(s.id)?.classId === classIds[truth.get(s.id)!]);
    expect(right.length / testSamples.length).toBeGreaterThan(0.7);
    const row = probabilities.row(samples[0].id)!;
    expect(row[0] + row[1]).toBeCloseTo(1, 5);
    await project.close();
  });

  it('the next run warm-starts from the last compatible head, and the label snapshot hash follows the labels', async () => {
    const { project } = await mlProject({ perClass: 6 });
    const { runs } = await services();
    const first = await (await runs.start(project, { backboneId: 'pixels-8x8-rgb' })).done;
    const second = await (await runs.start(project, { backboneId: 'pixels-8x8-rgb' })).done;
    expect(second.warmStartFrom).toBe(first.id);
    expect(second.labels.sha256).toBe(first.labels.sha256);
    const sample = project.samples.all.find((s) => s.split === 'train')!;
    await project.labels.clear(sample.id, { annotator: 'tester', seconds: 1 });
    const third = await (await runs.start(project, { backboneId: 'pixels-8x8-rgb', warmStart: false })).done;
    expect(third.warmStartFrom).toBeNull();
    expect(third.labels.sha256).not.toBe(first.labels.sha256);
    expect((await runs.runs(project)).map((r) => r.id)).toEqual([first.id, second.id, third.id]);
    await project.close();
  });

  it('a run on a catalog backbone downloads it on first use, with progress, and runs it through onnxruntime', async () => {
    const model = tinyConvOnnx({ embeddingSize: 16, size: 16 });
    const server = await startModelServer({ '/tiny.onnx': model });
    try {
      const worker = shared;
      const entry: CatalogEntry = {
        card: tinyOnnxCard('tiny-served', { embeddingSize: 16 }),
        url: server.url('/tiny.onnx'),
        bytes: model.length,
        licence: 'MIT',
        sha256: createHash('sha256').update(model).digest('hex'),
        fileName: 'tiny.onnx',
        description: 'test',
      };
      const runs = new RunService({ worker, catalog: new ModelCatalog({ cacheDir: await tempDir('studio-cache-'), entries: [entry] }) });
      const { project } = await mlProject({ perClass: 4 });
      const phases: string[] = [];
      const record = await (await runs.start(project, { backboneId: 'tiny-served', onProgress: (p) => phases.push(p.phase) })).done;
      expect(record).toMatchObject({ status: 'succeeded', backbone: { id: 'tiny-served', engine: 'onnx', embeddingSize: 16 }, executionProviders: ['cpu'] });
      expect(phases[0]).toBe('downloading');
      await project.close();
    } finally {
      await server.close();
    }
  });

  it('asking to fine-tune a pixels backbone trains the head and records why fine-tuning was off', async () => {
    const { project } = await mlProject({ perClass: 4 });
    const { runs } = await services();
    const record = await (await runs.start(project, { backboneId: 'pixels-8x8-rgb', fineTune: true })).done;
    expect(record.status).toBe('succeeded');
    expect(record.fineTune).toEqual({ requested: true, available: false, reason: expect.stringMatching(/pixels backbone \(nothing to train\).*built-in MobileNetV2 can be fine-tuned/) });
    expect(record.fineTuning).toBeNull();
    await project.close();
  });

  it('fine-tuning the built-in network on wasm makes a new backbone the run embeds with, lists it, and records the backend and trained layers', async () => {
    const { project, samples, truth } = await mlProject({ perClass: 5, label: false });
    // Train labels only: without val labels fine-tuning runs a fixed number of epochs and keeps the last.
    for (const sample of samples.filter((s) => s.split === 'train')) await project.labels.setClass(sample.id, project.doc.classes[truth.get(sample.id)!].id, { annotator: 'tester', seconds: 1 });
    const catalog = new ModelCatalog({ cacheDir: await tempDir('studio-cache-') });
    const runs = new RunService({ worker: shared, catalog });
    const phases: string[] = [];
    const record = await (await runs.start(project, { backboneId: 'mobilenetv2-builtin', fineTune: true, onProgress: (p) => phases.push(p.phase) })).done;
    expect(record.status, record.error?.message).toBe('succeeded');
    expect(phases).toContain('fine-tuning');
    expect(record.fineTune).toMatchObject({ requested: true, available: true, reason: expect.stringMatching(/^Fine-tuned block 16 and the last 1×1 convolution \(Conv_1\) on \d+ images \((wasm|tensorflow)\)/) });
    expect(record.fineTuning).toMatchObject({ backend: record.backend!.name, cutLayer: expect.stringMatching(/^block_1[25]_add$/), kept: 'fine-tuned', labels: { val: 0 } });
    expect(record.fineTuning!.trainedLayers).toContain('Conv_1');
    expect(record.backbone.id).toBe(`mobilenetv2-builtin-ft-${record.id.slice(-6)}`);
    // Listed like a local model, so the loop's queries can embed with it.
    const listed = (await catalog.list()).find((l) => l.card.id === record.backbone.id);
    expect(listed).toMatchObject({ source: 'local', status: 'ready' });
    expect((await catalog.resolve(record.backbone.id)).modelPath).toMatch(new RegExp(`runs/${record.id}/backbone/model\\.onnx$`));
    await project.close();
  });

  it('training without labels says what to do', async () => {
    const { project } = await mlProject({ perClass: 3, label: false });
    const { runs } = await services();
    await expect(runs.start(project)).rejects.toThrow(/no labeled images in the train split/);
    await project.close();
  });

  it('repeated runs leave the worker holding no extra TF.js tensors', async () => {
    const { project } = await mlProject({ perClass: 4 });
    const { runs, worker } = await services();
    await (await runs.start(project, { backboneId: 'pixels-8x8-rgb' })).done;
    const before = (await worker.run({ kind: 'memory' })).numTensors;
    await (await runs.start(project, { backboneId: 'pixels-8x8-rgb' })).done;
    await (await runs.start(project, { backboneId: 'pixels-8x8-rgb', head: { kind: 'mlp' } })).done;
    expect((await worker.run({ kind: 'memory' })).numTensors).toBe(before);
    await project.close();
  });
});
