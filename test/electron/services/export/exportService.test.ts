import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExportProgress } from '../../../../shared/contract/export';
import { readRunProbabilities } from '../../../../electron/services/ml/probabilityFiles';
import { ExportedModel } from '../../../../electron/worker/export/exportedModel';
import { predictCommand } from '../../../../electron/cli/commands/predict';
import { checkOnnxModel, onnxChecker } from '../../../helpers/onnxChecker';
import { sharedWorker, trainedRun, type BackboneKindName, type TrainedRun } from './exportedRuns';
import { qualityPaths, writeJson } from '../../../../electron/worker/quality/qualityFiles';
import { tempDir } from '../../../helpers/tempProject';

const shared = sharedWorker();

/** Largest difference between the exported model's probabilities and the run's own file. */
async function differenceFromStudio(trained: TrainedRun, outDir: string, format: 'onnx' | 'tfjs'): Promise<number> {
  const studio = await readRunProbabilities(trained.dir, trained.run.id);
  const model = await ExportedModel.open(outDir, format);
  try {
    const predictions = await model.predict(trained.samples.map((s) => s.path));
    let worst = 0;
    predictions.forEach((p, i) => {
      const row = studio.row(trained.samples[i].id)!;
      expect(p.label).not.toBeNull();
      model.labels.forEach((name, c) => (worst = Math.max(worst, Math.abs(p.probabilities[name] - row[c]))));
    });
    return worst;
  } finally {
    await model.dispose();
  }
}

describe('model export', () => {
  const cases: { kind: BackboneKindName; head: 'linear' | 'mlp'; tfjsScope: 'pipeline' | 'head-only' }[] = [
    { kind: 'pixels', head: 'linear', tfjsScope: 'pipeline' },
    { kind: 'onnx', head: 'mlp', tfjsScope: 'head-only' },
    { kind: 'tfjs', head: 'linear', tfjsScope: 'pipeline' },
  ];
  for (const c of cases) {
    it(`a ${c.kind} backbone run exports to a folder whose models give the studio's probabilities within 1e-4`, async () => {
      const trained = await trainedRun(shared.worker, c.kind, c.head);
      const outDir = join(await tempDir(), 'model');
      const steps: ExportProgress['step'][] = [];
      const report = await trained.exports.export(trained.project, { runId: trained.run.id, outDir, onProgress: (p) => steps.push(p.step) });
      await trained.project.close();

      expect(new Set(steps)).toEqual(new Set(['preparing', 'onnx', 'tfjs', 'verifying', 'writing']));
      expect(report.formats.onnx).toMatchObject({ scope: 'pipeline', irVersion: 8, inputType: 'uint8' });
      expect(report.formats.onnx.opset).toBeLessThanOrEqual(17);
      expect(report.formats.tfjs.scope).toBe(c.tfjsScope);
      expect(report.verification.images).toBe(16);
      expect(report.files.map((f) => f.path)).toEqual(
        expect.arrayContaining(['labels.json', 'preprocessing.json', 'model-card.md', 'model-card.json', 'model.onnx', 'tfjs/model.json', 'tfjs/weights.bin', 'examples/predict.mjs', 'examples/predict.py']),
      );
      expect(JSON.parse(await readFile(join(outDir, 'labels.json'), 'utf8'))).toEqual(['red', 'blue']);
      if (onnxChecker.available) checkOnnxModel(join(outDir, 'model.onnx'));

      expect(await differenceFromStudio(trained, outDir, 'onnx')).toBeLessThan(1e-4);
      if (c.tfjsScope === 'pipeline') expect(await differenceFromStudio(trained, outDir, 'tfjs')).toBeLessThan(1e-4);
      else await expect(ExportedModel.open(outDir, 'tfjs')).rejects.toThrow(/head alone/);
    });
  }

  it('the model card records the label set, test figures with intervals and counts, the backbone and the limits', async () => {
    const trained = await trainedRun(shared.worker, 'onnx');
    // Test labels made after training still measure the run: the test split is never trained on.
    const { project, samples, truth } = trained;
    for (const sample of samples.filter((s) => s.split === 'test')) await project.labels.setClass(sample.id, project.doc.classes[truth.get(sample.id)!].id, { annotator: 'tester', seconds: 1 });
    const outDir = join(await tempDir(), 'model');
    await trained.exports.export(project, { outDir });
    await project.close();
    const card = JSON.parse(await readFile(join(outDir, 'model-card.json'), 'utf8'));
    expect(card.labelSet).toMatchObject({ sha256: trained.run.labels.sha256, train: 12, val: 4, test: 4 });
    expect(card.classes).toEqual([
      { index: 0, id: expect.any(String), name: 'red', labels: { train: 6, val: 2, test: 2 } },
      { index: 1, id: expect.any(String), name: 'blue', labels: { train: 6, val: 2, test: 2 } },
    ]);
    expect(card.test.count).toBe(4);
    expect(card.test.accuracy).toMatchObject({ n: 4, value: expect.any(Number), low: expect.any(Number), high: expect.any(Number) });
    expect(card.test.accuracy.low).toBeLessThanOrEqual(card.test.accuracy.value);
    expect(card.test.confusion.flat().reduce((a: number, b: number) => a + b, 0)).toBe(4);
    expect(card.backbone).toMatchObject({ id: 'tiny-onnx', engine: 'onnx', source: 'local', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(card.backbone.sha256).toBe(card.backbone.catalogSha256);
    expect(card.head).toMatchObject({ kind: 'linear', hyperparameters: expect.objectContaining({ standardize: true }) });
    expect(card.run.headEngine).toBe(trained.run.headEngine);
    expect(card.run.headEngine).toMatch(/wasm-simd|tfjs/);
    expect(card.limits.join('\n')).toMatch(/"red" has 2 test labels \(fewer than 10\)/);
    expect(card.limits.join('\n')).toMatch(/tfjs\/ holds the head alone/);
    const markdown = await readFile(join(outDir, 'model-card.md'), 'utf8');
    expect(markdown).toContain(trained.run.labels.sha256);
    expect(markdown).toMatch(/Accuracy \d\.\d{3} \(95 % interval \d\.\d{3}–\d\.\d{3}, n = 4\)/);
    expect(markdown).toContain('node examples/predict.mjs');
    expect(markdown).toContain(`head on ${trained.run.headEngine}`);
  });

  it('the card leaves out test images with a near-copy in train, counted, as the Evaluate tab does', async () => {
    const trained = await trainedRun(shared.worker, 'pixels');
    const { project, samples, truth } = trained;
    for (const sample of samples.filter((s) => s.split === 'test')) await project.labels.setClass(sample.id, project.doc.classes[truth.get(sample.id)!].id, { annotator: 'tester', seconds: 1 });
    const leaky = samples.find((s) => s.split === 'test')!;
    const copy = samples.find((s) => s.split === 'train')!;
    const report = { format: 'studio-quality/1', runId: trained.run.id, backboneId: trained.run.backbone.id, createdAt: new Date().toISOString(), classIds: trained.run.classIds, settings: {}, checked: 0, suspects: [], duplicateGroups: [{ ids: [leaky.id, copy.id], kind: 'near', source: 'embedding', closeness: 0.99 }], outliers: [], outlierSpace: { components: 1, varianceKept: 1 }, timings: { outOfFoldMs: 0, duplicatesMs: 0, outliersMs: 0 } };
    await writeJson(qualityPaths.report(trained.dir, trained.run.id), report);
    const outDir = join(await tempDir(), 'model');
    await trained.exports.export(project, { outDir });
    await project.close();
    const card = JSON.parse(await readFile(join(outDir, 'model-card.json'), 'utf8'));
    const labeledTest = samples.filter((s) => s.split === 'test').length;
    expect(card.test).toMatchObject({ count: labeledTest - 1, leakyExcluded: 1 });
    expect(card.labelSet.test).toBe(labeledTest - 1);
    expect(card.limits.join('\n')).toMatch(/1 labeled test image was left out of the figures: a near-copy of it sits in train or val/);
    expect(await readFile(join(outDir, 'model-card.md'), 'utf8')).toMatch(/1 labeled test image was left out/);
  });

  it('`predict` needs only the export folder: it answers after the project and its backbone are gone', async () => {
    const trained = await trainedRun(shared.worker, 'onnx');
    const outDir = join(await tempDir(), 'model');
    await trained.exports.export(trained.project, { outDir });
    await trained.project.close();
    const expected = await readRunProbabilities(trained.dir, trained.run.id);
    await rm(trained.dir, { recursive: true, force: true });
    await rm(trained.catalog.cacheDir, { recursive: true, force: true });
    await rm(dirname(trained.localModel!), { recursive: true, force: true });

    const images = trained.samples.slice(0, 3).map((s) => s.path);
    const broken = join(await tempDir(), 'not-a-photo.jpg');
    await writeFile(broken, 'these are notes, not an image');
    const rows = await predictCommand.run({ positionals: [outDir, ...images, broken], values: {}, json: true, progress: () => undefined, signal: new AbortController().signal });
    expect(rows.map((r) => r.path)).toEqual([...images, broken]);
    expect(rows.pop()).toMatchObject({ path: broken, label: null, probability: null, error: expect.stringMatching(/./) });
    const gone = join(await tempDir(), 'no-such-folder');
    await expect(predictCommand.run({ positionals: [outDir, gone], values: {}, json: true, progress: () => undefined, signal: new AbortController().signal })).rejects.toThrow(`Nothing to predict: ${gone} does not exist.`);
    rows.forEach((row, i) => {
      const studio = expected.row(trained.samples[i].id)!;
      expect(Math.abs(row.probabilities.red - studio[0])).toBeLessThan(1e-4);
      expect(row.label).toBe(studio[0] > studio[1] ? 'red' : 'blue');
      expect(row.probability).toBe(Math.max(row.probabilities.red, row.probabilities.blue));
    });
  });

  it("says plainly that the run's backbone file is missing, and leaves no folder behind", async () => {
    const trained = await trainedRun(shared.worker, 'onnx');
    const listing = (await trained.catalog.list()).find((l) => l.card.id === 'tiny-onnx')!;
    await rename(listing.path!, `${listing.path}.moved`);
    const root = await tempDir();
    await expect(trained.exports.export(trained.project, { outDir: join(root, 'model') })).rejects.toThrow(/backbone file "Tiny ONNX tiny-onnx" is gone/);
    await trained.project.close();
    expect(await readdir(root)).toEqual([]);
  });

  it('a cancelled export leaves nothing, and an occupied folder is refused before any work', async () => {
    const trained = await trainedRun(shared.worker, 'pixels');
    const root = await tempDir();
    const controller = new AbortController();
    const cancelled = trained.exports.export(trained.project, { outDir: join(root, 'model'), signal: controller.signal, onProgress: (p) => p.step === 'onnx' && controller.abort() });
    await expect(cancelled).rejects.toThrow(/cancelled/i);
    expect(await readdir(root)).toEqual([]);

    await writeFile(join(root, 'notes.txt'), 'mine');
    await expect(trained.exports.export(trained.project, { outDir: root })).rejects.toThrow(/already exists and is not empty/);
    expect(await readdir(root)).toEqual(['notes.txt']);
    await expect(trained.exports.export(trained.project, { runId: 'run-nope', outDir: join(root, 'x') })).rejects.toThrow(/no run run-nope/);
    await trained.project.close();
  });
});
