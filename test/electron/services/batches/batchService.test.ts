import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BatchService } from '../../../../electron/services/batches/BatchService';
import { BatchStore } from '../../../../electron/services/batches/BatchStore';
import { importBatch } from '../../../../electron/services/batches/importBatch';
import { putAtQueueFront } from '../../../../electron/services/batches/queueFront';
import { LoopStore } from '../../../../electron/services/loop/LoopStore';
import { QueueRefresher } from '../../../../electron/services/loop/QueueRefresher';
import { takeLabelSnapshot } from '../../../../electron/services/ml/labelSnapshot';
import { ModelCatalog } from '../../../../electron/services/ml/models/ModelCatalog';
import { RunService } from '../../../../electron/services/ml/RunService';
import { Project } from '../../../../electron/services/project/Project';
import { tempDir } from '../../../helpers/tempProject';
import { sharedWorker } from '../export/exportedRuns';
import { classImage, mlProject } from '../ml/mlFixtures';

const shared = sharedWorker();

/** `count` new images; `red` of them red-ish (class 0), the rest blue-ish. */
async function newImages(count: number, red: number, seed: number): Promise<string> {
  const dir = await tempDir('studio-batch-');
  for (let i = 0; i < count; i++) await classImage(join(dir, `new-${i}.png`), i < red ? 0 : 1, seed + i);
  return dir;
}

/** A project with 100 images, 12 labeled per class in train/val, and a trained pixels run. */
async function projectWithRun() {
  const made = await mlProject({ perClass: 50, label: false });
  const { project, samples, truth } = made;
  const perClass = [0, 0];
  for (const s of samples) {
    const c = truth.get(s.id)!;
    if (s.split === 'test' || perClass[c] >= 12) continue;
    perClass[c]++;
    await project.labels.setClass(s.id, project.doc.classes[c].id, { annotator: 'tester', seconds: 1 });
  }
  const catalog = new ModelCatalog({ cacheDir: await tempDir('studio-cache-') });
  const run = await (await new RunService({ worker: shared.worker, catalog }).start(project, { backboneId: 'pixels-8x8-rgb' })).done;
  expect(run.status).toBe('succeeded');
  const service = new BatchService({ worker: shared.worker, catalog, queueFront: async (p, runId, picks) => putAtQueueFront(await LoopStore.open(p), runId, picks) });
  return { ...made, run, service, catalog };
}

function label(project: Project, id: string, classIndex: number) {
  return project.labels.setClass(id, project.doc.classes[classIndex].id, { annotator: 'auditor', seconds: 2 });
}

describe('new-data batches', () => {
  it('a batch is kept apart: its images are not samples (so not queued, trained on or evaluated), and duplicates are skipped', async () => {
    const { project, dir, samples } = await mlProject({ perClass: 3 });
    const before = takeLabelSnapshot(project).snapshot;
    const folder = await newImages(6, 3, 900);
    await classImage(join(folder, 'copy-of-project-image.png'), 0, 100); // the bytes of the project's first image
    const { batch, report } = await importBatch(project, { name: 'March', sources: [folder] });
    expect(report.imported).toBe(6);
    expect(report.duplicates).toEqual([{ path: join(folder, 'copy-of-project-image.png'), duplicateOf: samples[0].path }]);
    expect(batch).toMatchObject({ name: 'March', count: 6, moved: 0 });
    expect(project.samples.size).toBe(samples.length);
    expect(takeLabelSnapshot(project).snapshot).toEqual(before);

    // The same folder again adds nothing; the batch is on disk for the next open.
    const again = await importBatch(project, { name: 'march', sources: [folder] });
    expect(again.report.imported).toBe(0);
    expect(again.report.duplicates).toHaveLength(7);
    await project.close();
    const reopened = await Project.open(dir, { readOnly: true });
    const store = await BatchStore.for(reopened);
    expect(store.samples(batch.id)).toHaveLength(6);
    expect(reopened.samples.size).toBe(samples.length);
    await reopened.close();
  });

  it('the report measures shift against the images the run did not learn from: a one-class batch is a major shift, a batch like the project none', async () => {
    const { project, run, service } = await projectWithRun();
    await importBatch(project, { name: 'all red', sources: [await newImages(60, 60, 2000)] });
    await importBatch(project, { name: 'mixed', sources: [await newImages(60, 30, 3000)] });
    const shifted = await service.report(project, 'all red', run.id);
    expect(shifted.scored).toBe(60);
    expect(shifted.reference.n).toBe(100 - 24); // all but the 24 labeled train/val images the run learned from
    expect(shifted.classes.map((c) => c.name)).toEqual(['red', 'blue']);
    expect(shifted.classes[0].batch.share).toBeGreaterThan(0.9);
    expect(shifted.classLevel).toBe('major');
    expect(shifted.classPsi).toBeCloseTo(shifted.classes[0].psi + shifted.classes[1].psi, 10);
    expect(shifted.verdict).toMatch(/^Major shift/);
    expect(shifted.confidence.bins).toHaveLength(10);
    const similar = await service.report(project, 'mixed', run.id);
    expect(similar.classLevel).toBe('none');
    expect(similar.verdict).toMatch(/^No real shift/);
    await project.close();
  });

  it('the least confident images go to the train split and to the front of the queue, most doubtful first', async () => {
    const { project, run, service } = await projectWithRun();
    await importBatch(project, { name: 'new', sources: [await newImages(60, 30, 4000)] });
    const before = await service.report(project, 'new', run.id);
    const picked = await service.queueLeastConfident(project, 'new', run.id, 5);
    expect(picked).toMatchObject({ moved: 5, queued: 5, heldOut: 0 });
    const expected = before.leastConfident.slice(0, 5).map((c) => c.sampleId);
    for (const id of expected) expect(project.samples.get(id)?.split).toBe('train');
    const loop = await LoopStore.open(project);
    expect(loop.batch?.items.slice(0, 5).map((i) => i.sampleId)).toEqual(expected);
    expect(loop.batch?.items[0].note).toMatch(/new batch "new": the model is \d+ % sure it is (red|blue)/);
    const after = await service.report(project, 'new', run.id);
    expect(after.batch.moved).toBe(5);
    expect(after.leastConfident.map((c) => c.sampleId)).not.toContain(expected[0]);
    await project.close();
  });

  it('images sent to the queue stay at its front when the loop picks its next batch, until they are labeled', async () => {
    const { project, run, service, catalog } = await projectWithRun();
    await importBatch(project, { name: 'new', sources: [await newImages(40, 20, 4500)] });
    await service.queueLeastConfident(project, 'new', run.id, 4);
    const loop = await LoopStore.open(project);
    const picked = loop.batch!.items.slice(0, 4).map((i) => i.sampleId);
    const refresher = new QueueRefresher(project, loop, { worker: shared.worker, catalog, runs: null as never, dispose: async () => undefined }, async () => run);
    expect((await refresher.refresh()).error).toBeNull();
    expect(loop.batch!.items.slice(0, 4).map((i) => i.sampleId)).toEqual(picked);
    expect(loop.batch!.items.length).toBeGreaterThan(4);
    expect(new Set(loop.batch!.items.map((i) => i.sampleId)).size).toBe(loop.batch!.items.length);

    await label(project, picked[0], 0);
    await refresher.refresh();
    expect(loop.batch!.items.slice(0, 3).map((i) => i.sampleId)).toEqual(picked.slice(1));
    expect(loop.batch!.items.map((i) => i.sampleId)).not.toContain(picked[0]);
    await project.close();
  });

  it('an audit sample is drawn at random from the whole batch, and its labels give the run’s accuracy on the batch with a Wilson interval', async () => {
    const { project, run, service } = await projectWithRun();
    const folder = await newImages(60, 30, 5000);
    const { batch } = await importBatch(project, { name: 'audit me', sources: [folder] });
    const picked = await service.drawAudit(project, 'audit me', run.id, 10);
    expect(picked).toMatchObject({ moved: 10, queued: 10 });
    const store = await BatchStore.for(project);
    const audit = store.require(batch.id).audits[0];
    expect(audit).toMatchObject({ runId: run.id, sampleIds: expect.any(Array) });
    expect(audit.sampleIds).toHaveLength(10);
    const truthOf = new Map(store.samples(batch.id).map((h) => [h.id, Number(h.relativePath.slice(4, -4)) < 30 ? 0 : 1]));
    let report = await service.report(project, 'audit me', run.id);
    expect(report.audit).toMatchObject({ drawn: 10, labeled: 0, accuracy: null });
    for (const id of audit.sampleIds.slice(0, 8)) await label(project, id, truthOf.get(id)!);
    report = await service.report(project, 'audit me', run.id);
    expect(report.audit).toMatchObject({ drawn: 10, labeled: 8 });
    expect(report.audit!.accuracy).toMatchObject({ n: 8, value: report.audit!.correct / 8 });
    expect(report.audit!.accuracy!.low).toBeLessThanOrEqual(report.audit!.accuracy!.value);
    expect(report.audit!.note).toMatch(/2 still to label/);
    await project.close();
  });

  it('moving the rest adds every held image with the project’s split rule', async () => {
    const { project, run, service } = await projectWithRun();
    const { batch } = await importBatch(project, { name: 'rest', sources: [await newImages(20, 10, 6000)] });
    await service.queueLeastConfident(project, 'rest', run.id, 3);
    const moved = await service.moveRest(project, 'rest');
    expect(moved.moved).toBe(17);
    const store = await BatchStore.for(project);
    expect(store.samples(batch.id).every((h) => project.samples.get(h.id))).toBe(true);
    expect(Object.values(store.require(batch.id).moved).filter((m) => m.why === 'rest')).toHaveLength(17);
    await expect(service.report(project, 'nope', run.id)).rejects.toThrow(/no batch "nope"/);
    await project.close();
  });
});
