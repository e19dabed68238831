import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LoopStore } from '../../../../electron/services/loop/LoopStore';
import { defaultLoopSettings, loopFile } from '../../../../electron/services/loop/loopDocument';
import { labelsSince } from '../../../../electron/services/loop/labelsSince';
import { Project } from '../../../../electron/services/project/Project';
import { projectWithSamples } from '../../../helpers/tempProject';

describe('loop.json', () => {
  it('a new project starts with the default settings: hybrid, batches of 20, retrain every 20 labels', async () => {
    const { project } = await projectWithSamples(3);
    const store = await LoopStore.open(project);
    expect(store.settings).toEqual({ strategy: 'hybrid', batchSize: 20, retrainEvery: 20, autoRetrain: true, minTestLabelsPerClass: 10, minValLabelsPerClass: 5, backboneId: 'pixels', head: 'linear' });
    expect(store.rounds).toEqual([]);
    expect(store.batch).toBeNull();
    await project.close();
  });

  it('keeps settings, rounds and the batch durably; a read-only open reads them and refuses changes', async () => {
    const { project, dir, samples } = await projectWithSamples(3);
    const store = await LoopStore.open(project);
    await store.updateSettings({ strategy: 'margin', retrainEvery: 5 });
    await store.addRound({ runId: 'run-1', at: '2026-01-01T00:00:00.000Z', labels: 12, strategy: 'margin', valAccuracy: 0.5, picked: [{ strategy: 'margin', labels: 12 }], retrains: 0, labelSeq: 12 });
    await store.setBatch({ runId: 'run-1', strategy: 'margin', items: [{ sampleId: samples[0].id, score: 0.9, note: 'margin 0.10 between cat and dog' }], refreshedAt: '2026-01-01T00:00:01.000Z' });
    await project.close();

    const readOnly = await Project.open(dir, { readOnly: true });
    const again = await LoopStore.open(readOnly);
    expect(again.settings).toMatchObject({ strategy: 'margin', retrainEvery: 5, batchSize: 20 });
    expect(again.rounds).toEqual([expect.objectContaining({ round: 1, runId: 'run-1', labels: 12, picked: [{ strategy: 'margin', labels: 12 }], labelSeq: 12 })]);
    expect(again.batch?.items[0].sampleId).toBe(samples[0].id);
    expect(again.picks).toEqual([{ strategy: 'margin', refreshedAt: '2026-01-01T00:00:01.000Z', sampleIds: [samples[0].id] }]);
    await expect(again.updateSettings({ batchSize: 3 })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('settings missing from an older file take their defaults; a strategy this studio lacks falls back with a notice', async () => {
    const { project } = await projectWithSamples(1);
    await writeFile(join(project.dir, loopFile), JSON.stringify({ schemaVersion: 1, settings: { strategy: 'oracle', batchSize: 8 } }));
    const store = await LoopStore.open(project);
    expect(store.settings).toEqual({ ...defaultLoopSettings, batchSize: 8 });
    expect(store.notices).toEqual([{ level: 'warning', message: 'The query strategy "oracle" is not available here; using "hybrid".' }]);
    await project.close();
  });

  it('rounds an older studio wrote (test figures of their time, no picks) still open; the queue remembers only the latest batches', async () => {
    const { project, samples } = await projectWithSamples(6);
    const legacyTest = { split: 'test', count: 3, accuracy: 1, macroF1: 1, ece: 0, perClass: [], confusion: [], classIds: [] };
    const legacy = { round: 1, runId: 'run-old', at: '2026-01-01T00:00:00.000Z', labels: 8, strategy: 'hybrid', valAccuracy: 0.7, test: legacyTest };
    await writeFile(join(project.dir, loopFile), JSON.stringify({ schemaVersion: 1, settings: {}, rounds: [legacy], queue: null }));
    const store = await LoopStore.open(project);
    expect(store.rounds).toEqual([expect.objectContaining({ round: 1, runId: 'run-old', strategy: 'hybrid', picked: null, retrains: 0, labelSeq: null })]);
    for (let i = 0; i < 6; i++) {
      await store.setBatch({ runId: null, strategy: `s${i}`, items: [{ sampleId: samples[i].id, score: 1, note: '' }], refreshedAt: `2026-01-01T00:00:0${i}.000Z` });
    }
    expect(store.picks.map((p) => p.strategy)).toEqual(['s2', 's3', 's4', 's5']);
    await project.close();
  });

  it('a damaged loop.json is restored from its backup with a notice', async () => {
    const { project } = await projectWithSamples(1);
    const store = await LoopStore.open(project);
    await store.updateSettings({ batchSize: 9 });
    await store.updateSettings({ batchSize: 10 });
    const text = await readFile(join(project.dir, loopFile), 'utf8');
    await writeFile(join(project.dir, loopFile), text.slice(0, 20));
    const restored = await LoopStore.open(project);
    expect(restored.settings.batchSize).toBe(9);
    expect(restored.notices[0].message).toMatch(/loop\.json was damaged/);
    await project.close();
  });
});

describe('labels since the last run', () => {
  it('counts train and val samples labeled since then, each once, never test labels or cleared ones', async () => {
    const { project, samples } = await projectWithSamples(9); // splits cycle train, val, test
    const [cat, dog] = project.doc.classes.map((c) => c.id);
    const meta = { annotator: 'ana', seconds: 1 };
    await project.labels.setClass(samples[0].id, cat, meta);
    expect(labelsSince(project, null)).toBe(1);
    await new Promise((r) => setTimeout(r, 5)); // times have millisecond precision: the run starts strictly after that label
    const runStarted = new Date().toISOString();
    const seqAtStart = project.labels.book.lastSeq;
    await new Promise((r) => setTimeout(r, 5));
    await project.labels.setClass(samples[1].id, cat, meta); // val
    await project.labels.setClass(samples[2].id, cat, meta); // test: never trained on
    await project.labels.setClass(samples[3].id, cat, meta);
    await project.labels.setClass(samples[3].id, dog, meta); // relabeled: still one
    await project.labels.setClass(samples[6].id, cat, meta);
    await project.labels.clear(samples[6].id, meta); // cleared: no longer a label
    expect(labelsSince(project, { at: runStarted })).toBe(2);
    expect(labelsSince(project, { seq: seqAtStart })).toBe(2);
    expect(labelsSince(project, null)).toBe(3);
    await project.close();
  });
});
