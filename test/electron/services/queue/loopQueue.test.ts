import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { QueueItem } from '../../../../shared/contract/queue';
import { getProbabilities } from '../../../../electron/services/ml/probabilities';
import { loopStudio, type LoopStudio } from '../loop/loopStudio';
import type { MlProject } from '../ml/mlFixtures';

// queue:next as the labeling view sees it: the strategy's order with its reasons and the
// model's top classes, and random held-out asks interleaved until evaluation has labels.

let studio: LoopStudio;
beforeAll(async () => {
  studio = await loopStudio();
});
afterEach(() => studio.call('project:close', {}));
afterAll(() => studio.close());

const noHeldOut = { minTestLabelsPerClass: 0, minValLabelsPerClass: 0 };

async function label(fixture: MlProject, sampleIds: string[]): Promise<void> {
  const classes = studio.host.requireProject().doc.classes;
  for (const sampleId of sampleIds) await studio.call('labels:set', { sampleId, classId: classes[fixture.truth.get(sampleId)!].id });
}

/** Asks for the queue until it is served from a batch the strategy chose (a query runs in the background). */
async function queueFrom(strategy: string, count = 10): Promise<QueueItem[]> {
  for (let i = 0; i < 100; i++) {
    const items = await studio.call('queue:next', { count });
    if (items.some((item) => item.reason.strategy === strategy)) return items;
    await studio.next('project:changed', (p) => p.what.includes('queue'), 10_000).catch(() => undefined);
  }
  throw new Error(`the queue never showed ${strategy}`);
}

describe('the labeling queue', () => {
  it('shows import order with a note at once, then the cold-start batch, every item saying why', async () => {
    const fixture = await studio.open({ perClass: 10, classes: ['red', 'blue', 'green'] });
    await studio.call('loop:update-settings', { ...noHeldOut, autoRetrain: false });
    const first = await studio.call('queue:next', { count: 5 });
    expect(first).toHaveLength(5);
    expect(first[0].reason).toEqual({ strategy: 'import-order', score: null, note: 'import order while the model picks a first batch' });
    const trainIds = new Set(fixture.samples.filter((s) => s.split === 'train').map((s) => s.id));
    expect(first.every((item) => trainIds.has(item.sampleId) && !item.heldOut && item.top.length === 0)).toBe(true);

    const batch = await queueFrom('cold-start');
    expect(batch[0].reason.note).toMatch(/^typical of a cluster of about \d+ samples$/);
    expect(batch.every((item) => trainIds.has(item.sampleId))).toBe(true);
    const status = await studio.call('loop:status', {});
    expect(status.queue).toMatchObject({ strategy: 'cold-start', runId: null, size: 18 });
  });

  it("after a run, the queue follows the strategy's order, highest score first, with the model's top three classes", async () => {
    const fixture = await studio.open({ perClass: 10, classes: ['red', 'blue', 'green', 'yellow'] });
    await studio.call('loop:update-settings', { ...noHeldOut, autoRetrain: false, strategy: 'margin', batchSize: 30 });
    await label(fixture, fixture.samples.filter((s) => s.split !== 'test').slice(0, 16).map((s) => s.id));
    const refreshed = studio.next('project:changed', (p) => p.what.includes('queue') && p.what.includes('runs'));
    const { runId } = await studio.call('training:start', {});
    await refreshed;

    const items = await studio.call('queue:next', { count: 10 });
    expect(items.every((item) => item.reason.strategy === 'margin')).toBe(true);
    const scores = items.map((item) => item.reason.score!);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const probabilities = (await getProbabilities(studio.host.requireProject(), runId))!;
    const project = studio.host.requireProject();
    const pool = project.samples.all.filter((s) => s.split === 'train' && project.labels.stateOf(s.id).classId === null);
    const margin = (id: string) => {
      const [a, b] = [...probabilities.row(id)!].sort((x, y) => y - x);
      return 1 - (a - b);
    };
    expect(items.map((i) => i.sampleId)).toEqual(pool.map((s) => s.id).sort((x, y) => margin(y) - margin(x)).slice(0, 10));
    for (const item of items) {
      expect(item.reason.note).toMatch(/^margin \d\.\d\d between \w+ and \w+$/);
      expect(item.top).toHaveLength(3);
      expect(item.top[0].probability).toBeCloseTo(Math.max(...probabilities.row(item.sampleId)!), 6);
      expect(item.top.map((t) => t.probability)).toEqual([...item.top.map((t) => t.probability)].sort((a, b) => b - a));
    }
  });

  it('asks for a random held-out sample in every fourth place until each class has enough, never in the uncertainty order', async () => {
    const fixture = await studio.open({ perClass: 15, classes: ['red', 'blue'] });
    await studio.call('loop:update-settings', { autoRetrain: false, strategy: 'margin', minTestLabelsPerClass: 2, minValLabelsPerClass: 1 });
    const split = new Map(fixture.samples.map((s) => [s.id, s.split]));
    const before = await studio.call('queue:next', { count: 12 });
    const heldOut = before.filter((item) => item.heldOut);
    expect(heldOut).toHaveLength(3);
    for (const item of heldOut) {
      expect(split.get(item.sampleId)).not.toBe('train');
      expect(item.top).toEqual([]);
      expect(item.reason.strategy).toBe('held-out');
      expect(item.reason.note).toMatch(/^(test label: each class needs 2|val label: each class needs 1); least so far: (red|blue) 0$/);
    }
    expect(before.filter((item) => !item.heldOut).every((item) => split.get(item.sampleId) === 'train')).toBe(true);
    // Refilling one at a time keeps the rhythm: one in four.
    const oneByOne: QueueItem[] = [];
    for (let i = 0; i < 8; i++) {
      const [item] = await studio.call('queue:next', { count: 1, exclude: oneByOne.map((q) => q.sampleId) });
      oneByOne.push(item);
    }
    expect(oneByOne.filter((item) => item.heldOut)).toHaveLength(2);

    // A model changes the pool's order, not the held-out one.
    await label(fixture, fixture.samples.filter((s) => s.split === 'train').slice(0, 12).map((s) => s.id));
    const refreshed = studio.next('project:changed', (p) => p.what.includes('runs'));
    await studio.call('training:start', {});
    await refreshed;
    const after = await studio.call('queue:next', { count: 40 });
    expect(after.some((item) => item.reason.strategy === 'margin')).toBe(true);
    for (const which of ['test', 'val']) {
      const asked = (items: QueueItem[]) => items.filter((item) => item.heldOut && split.get(item.sampleId) === which).map((item) => item.sampleId);
      expect(asked(after).slice(0, asked(before).length)).toEqual(asked(before));
    }

    // Label held-out samples as they come until the counts are met: then the asks stop.
    for (let i = 0; i < 40; i++) {
      const needed = (await studio.call('loop:status', {})).heldOutNeeded;
      if (!needed.length) break;
      const next = (await studio.call('queue:next', { count: 20 })).find((item) => item.heldOut);
      expect(next).toBeDefined();
      await label(fixture, [next!.sampleId]);
    }
    expect((await studio.call('loop:status', {})).heldOutNeeded).toEqual([]);
    // Fewer than the train samples left, so none of the held-out leftovers that follow the pool.
    expect((await studio.call('queue:next', { count: 4 })).some((item) => item.heldOut)).toBe(false);
  });

  it('stops asking for a split once it has no unlabeled samples left, even short of the target', async () => {
    const fixture = await studio.open({ perClass: 10, classes: ['red', 'blue'] });
    await studio.call('loop:update-settings', { autoRetrain: false, minTestLabelsPerClass: 1000, minValLabelsPerClass: 0 });
    const testIds = fixture.samples.filter((s) => s.split === 'test').map((s) => s.id);
    expect((await studio.call('loop:status', {})).heldOutNeeded.map((n) => n.split)).toEqual(['test', 'test']);
    await label(fixture, testIds);
    expect((await studio.call('loop:status', {})).heldOutNeeded).toEqual([]);
    const items = await studio.call('queue:next', { count: 8 });
    expect(items.some((item) => item.heldOut)).toBe(false);
  });

  it('skipped, flagged and excluded samples are not served; skipped ones come back when nothing else is left', async () => {
    const fixture = await studio.open({ perClass: 3, classes: ['red', 'blue'] });
    await studio.call('loop:update-settings', { ...noHeldOut, autoRetrain: false });
    const train = fixture.samples.filter((s) => s.split === 'train').map((s) => s.id);
    await studio.call('labels:skip', { sampleId: train[0] });
    await studio.call('labels:flag', { sampleId: train[1], flagged: true, comment: 'blurry' });
    const items = await studio.call('queue:next', { count: 20, exclude: [train[2]] });
    const ids = items.map((item) => item.sampleId);
    expect(ids).not.toContain(train[1]);
    expect(ids).not.toContain(train[2]);
    expect(ids.at(-1)).toBe(train[0]);
    expect(items.at(-1)!.reason.note).toBe('skipped earlier');
  });
});
