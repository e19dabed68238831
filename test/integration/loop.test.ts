import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName, RequestName, RequestOf, ResponseOf } from '../../shared/contract';
import { createStudio, type Studio } from '../../electron/services/studio';
import { writeDemoImages } from '../../electron/services/demo/demoImages';

// The whole loop as the labeling view drives it: the demo project, an expert labeling what
// the queue serves, background retraining every K labels, the queue re-ordered after each
// run, held-out test labels collected on the way, and every round recorded with test figures.

let root: string;
let studio: Studio;
const events: { channel: EventName; payload: any; at: number }[] = [];
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'studio-loop-it-'));
  studio = await createStudio({ mode: 'browser', version: '0.0.0-test', configDir: join(root, 'config'), ml: { cacheDir: join(root, 'cache'), worker: { onLog: () => undefined } } });
  studio.events.subscribe((channel, payload) => events.push({ channel, payload, at: performance.now() }));
});
afterAll(async () => {
  await studio.dispose();
  await rm(root, { recursive: true, force: true, maxRetries: 5 });
});

async function call<K extends RequestName>(channel: K, request: RequestOf<K>): Promise<ResponseOf<K>> {
  const result = await studio.registry.dispatch(channel, request, { transport: 'test' });
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as ResponseOf<K>;
}

async function until(condition: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error('timed out waiting for the loop');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the active-learning loop, end to end', () => {
  it('demo → label what the queue asks → background retraining → queue refreshed → rounds with test metrics', async () => {
    const demo = await call('project:demo', { dir: join(root, 'demo') });
    // The demo draws the same pictures from the same seed: that is the expert's knowledge.
    const plan = await writeDemoImages(join(root, 'truth'), 42, 'normal');
    const shapeOf = new Map(plan.images.map((image) => [image.fileName, image.shape as string]));
    const project = studio.host.requireProject();
    const classOf = new Map(demo.classes.map((c) => [c.name, c.id]));
    const truth = (sampleId: string) => classOf.get(shapeOf.get(project.samples.get(sampleId)!.relativePath)!)!;

    // The loop is under test here, not the backbone: pixels keep each retrain to seconds on a busy
    // machine (the demo's own default, the built-in network, is exercised by the ML tests).
    await call('loop:update-settings', { retrainEvery: 15, minTestLabelsPerClass: 5, minValLabelsPerClass: 3, backboneId: 'pixels' });
    const testLabeled = () => project.samples.all.filter((s) => s.split === 'test' && project.labels.stateOf(s.id).classId !== null).length;
    const testAtStart = testLabeled();

    let heldOutAsked = 0;
    let labeled = 0;
    /** What the queue said picked each train image that was labeled. */
    const servedBy = new Map<string, string>();
    /** Labels what the queue serves next with its true class; says whether it counts toward retraining. */
    const labelNext = async (): Promise<boolean> => {
      labeled += 1;
      const [item] = await call('queue:next', { count: 1 });
      if (item.heldOut) heldOutAsked += 1;
      else servedBy.set(item.sampleId, item.reason.strategy);
      await call('labels:set', { sampleId: item.sampleId, classId: truth(item.sampleId), seconds: 1 });
      await new Promise((r) => setTimeout(r, 15)); // an expert takes a moment per image
      return project.samples.get(item.sampleId)!.split !== 'test';
    };
    const refreshedAfterRuns = (after = 0) => events.filter((e) => e.at > after && e.channel === 'project:changed' && e.payload.what.includes('queue') && e.payload.what.includes('runs'));
    /** No run going or about to start, at least `rounds` rounds, and the queue refreshed after each. */
    const settled = (rounds: number) => async () => {
      const status = await call('loop:status', {});
      const running = (await call('runs:list', {})).some((r) => r.status === 'running');
      return !running && status.training === null && status.round >= rounds && status.labelsSinceRun < 15 && refreshedAfterRuns().length >= status.round;
    };

    // Round 1: the imported labels are already more than K, so the first label starts a run.
    for (let i = 0; i < 30; i++) await labelNext();
    await until(settled(1));
    const [first] = await call('loop:rounds', {});

    // The next round: label until the K-th new train or val label, then the model retrains and the queue follows it.
    const roundsBefore = (await call('loop:rounds', {})).length;
    let toGo = 15 - (await call('loop:status', {})).labelsSinceRun;
    while (toGo > 0) if (await labelNext()) toGo -= 1;
    const kthLabelAt = performance.now();
    await until(async () => refreshedAfterRuns(kthLabelAt).length >= 1);
    const secondsToRefresh = (refreshedAfterRuns(kthLabelAt)[0].at - kthLabelAt) / 1000;
    expect(secondsToRefresh).toBeLessThan(10);
    await until(settled(roundsBefore + 1));
    expect((await call('loop:rounds', {})).length).toBe(roundsBefore + 1);

    const rounds = await call('loop:rounds', {});
    expect(rounds.length).toBeGreaterThanOrEqual(2);
    expect(rounds.map((r) => r.round)).toEqual(rounds.map((_, i) => i + 1));
    for (const round of rounds) {
      expect(round.test).not.toBeNull();
      expect(round.test!.confusion).toHaveLength(4);
      expect(round.test!.accuracy!.value).toBeGreaterThanOrEqual(0);
      expect(round.test!.ece).toBeGreaterThanOrEqual(0);
    }
    // Round 1 learned from the demo's imported labels; every later round's labels are put down to what the queue
    // said picked them (the model's batch, or import order while the model was busy), never to the setting by default.
    expect(rounds[0].picked!.map((p) => p.strategy)).toContain('imported');
    const served = new Set(servedBy.values());
    for (const round of rounds.slice(1)) for (const p of round.picked!) expect(served).toContain(p.strategy);
    const attributed = rounds.slice(1).reduce((sum, r) => sum + r.picked!.reduce((a, p) => a + p.labels, 0), 0);
    expect(attributed).toBeGreaterThan(0);
    expect(attributed).toBeLessThanOrEqual(servedBy.size);
    expect(rounds.at(-1)!.labels).toBeGreaterThan(rounds[0].labels);
    // Every round is scored on today's test labels: the same n for all, and round 1 re-scored as test labels came in.
    expect(new Set(rounds.map((r) => r.test!.count)).size).toBe(1);
    expect(rounds[0].test!.count).toBeGreaterThan(first.test!.count);

    // Held-out asks were interleaved (about one in four) and brought test labels in.
    expect(Math.abs(heldOutAsked - labeled / 4)).toBeLessThanOrEqual(1);
    expect(testLabeled()).toBeGreaterThan(testAtStart);

    const queue = await call('queue:next', { count: 8 });
    const fromModel = queue.filter((item) => !item.heldOut);
    expect(fromModel[0].reason).toMatchObject({ strategy: 'hybrid' });
    expect(fromModel[0].reason.note).toMatch(/^margin \d\.\d\d between \w+ and \w+; one of a spread-out batch$/);
    expect(fromModel[0].top).toHaveLength(3);
    const status = await call('loop:status', {});
    expect(status).toMatchObject({ round: rounds.length, strategy: 'hybrid', queue: { strategy: 'hybrid', runId: rounds.at(-1)!.runId }, lastRun: { status: 'succeeded' } });
    expect(status.lastRun!.test).toMatchObject({ value: rounds.at(-1)!.test!.accuracy!.value, n: rounds.at(-1)!.test!.count });
    expect((await call('runs:list', {}))[0].id).toBe(rounds.at(-1)!.runId);

    await call('project:close', {});
    await call('project:open', { dir: demo.dir });
    expect(await call('loop:rounds', {})).toEqual(rounds);
  });
});
