import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../../../shared/ml/runs';
import { trainCommand } from '../../../../electron/cli/commands/train';
import { loopStudio, type LoopStudio } from './loopStudio';
import type { MlProject } from '../ml/mlFixtures';

// The loop around the labeling view: background retraining after K labels, rounds with
// test figures, a worker crash that costs only the run, settings that outlive a reopen.

let studio: LoopStudio;
beforeAll(async () => {
  studio = await loopStudio({ testHooks: true });
});
afterEach(() => studio.call('project:close', {}).catch(() => undefined));
afterAll(() => studio.close());

async function label(fixture: MlProject, sampleIds: string[]): Promise<void> {
  const classes = studio.host.requireProject().doc.classes;
  for (const sampleId of sampleIds) await studio.call('labels:set', { sampleId, classId: classes[fixture.truth.get(sampleId)!].id });
}

const ids = (fixture: MlProject, split: 'train' | 'val' | 'test') => fixture.samples.filter((s) => s.split === split).map((s) => s.id);

describe('the active-learning loop', () => {
  it('retrains in the background after K new labels, records the round with test figures and the strategy that picked its labels, and the queue changes when the run ends', async () => {
    const fixture = await studio.open({ perClass: 12, classes: ['red', 'blue', 'green'] });
    await studio.call('loop:update-settings', { retrainEvery: 6, strategy: 'margin', minTestLabelsPerClass: 0, minValLabelsPerClass: 0 });
    await label(fixture, ids(fixture, 'test')); // test labels never count toward retraining
    const first = await queueOrderOnceSettled();
    expect(first[0].reason.strategy).toBe('cold-start');
    // The labels come from the cold-start batch; the setting says margin.
    const train = first.slice(0, 6).map((item) => item.sampleId);

    await label(fixture, train.slice(0, 5));
    let status = await studio.call('loop:status', {});
    expect(status).toMatchObject({ labelsSinceRun: 5, training: null, round: 0 });
    expect(studio.seen.some((e) => e.channel === 'training:progress')).toBe(false);

    const refreshed = studio.next('project:changed', (p) => p.what.includes('queue') && p.what.includes('runs'));
    const finished = studio.next('training:finished');
    const started = performance.now();
    await label(fixture, train.slice(5, 6)); // the K-th label
    const { run } = await finished;
    await refreshed;
    const seconds = (performance.now() - started) / 1000;
    expect(run).toMatchObject({ status: 'succeeded', labels: { train: 6, val: 0 } });
    expect(studio.seen.some((e) => e.channel === 'training:progress' && (e.payload as { runId: string }).runId === run.id)).toBe(true);

    const rounds = await studio.call('loop:rounds', {});
    expect(rounds).toHaveLength(1);
    expect(rounds[0]).toMatchObject({ round: 1, runId: run.id, labels: 6, strategy: 'cold-start', picked: [{ strategy: 'cold-start', labels: 6 }], test: { split: 'test', count: ids(fixture, 'test').length } });
    expect(rounds[0].test!.confusion).toHaveLength(3);
    // Each confusion-matrix cell opens exactly the test images it counts.
    const { confusion, classIds } = rounds[0].test!;
    for (const [r, truth] of classIds.entries()) {
      for (const [c, predicted] of classIds.entries()) {
        const cell = await studio.call('samples:list', { filter: { status: 'labeled', split: 'test', classId: truth, predicted: { runId: run.id, classId: predicted } }, limit: 1000 });
        expect(cell.total, `true ${r}, predicted ${c}`).toBe(confusion[r][c]);
        expect(cell.items.every((row) => row.split === 'test' && row.label.classId === truth)).toBe(true);
      }
    }
    await expect(studio.call('samples:list', { filter: { status: 'all', predicted: { runId: 'no-such-run', classId: classIds[0] } } })).rejects.toThrow(/no probabilities/);
    // Every label so far went into round 1; none were timed (labels:set without seconds).
    const speed = await studio.call('loop:speed', {});
    expect(speed.rounds).toEqual([{ round: 1, labels: ids(fixture, 'test').length + 6, medianSeconds: null, perHour: null }]);
    expect(speed.annotators).toEqual([{ annotator: expect.any(String), labels: ids(fixture, 'test').length + 6, medianSeconds: null, perHour: null }]);
    const after = await studio.call('queue:next', { count: 10 });
    expect(after[0].reason.strategy).toBe('margin');
    expect(after.map((i) => i.sampleId)).not.toEqual(first.map((i) => i.sampleId));
    expect(after[0].top.length).toBe(3);

    status = await studio.call('loop:status', {});
    expect(status).toMatchObject({ round: 1, labelsSinceRun: 0, training: null, lastRun: { id: run.id, status: 'succeeded', test: { value: rounds[0].test!.accuracy!.value, n: ids(fixture, 'test').length } } });
    expect(status.backend).toBeTruthy();
    expect(status.queue).toMatchObject({ strategy: 'margin', runId: run.id });
    expect(studio.seen.some((e) => e.channel === 'loop:status-changed')).toBe(true);
    expect(seconds).toBeLessThan(15);
  });

  it('a worker crash mid-run becomes a failed run with its reason; labeling and the queue keep working', async () => {
    const fixture = await studio.open({ perClass: 10, classes: ['red', 'blue'] });
    await studio.call('loop:update-settings', { autoRetrain: false, minTestLabelsPerClass: 0, minValLabelsPerClass: 0 });
    const train = ids(fixture, 'train');
    await label(fixture, train.slice(0, 6));
    const finished = studio.next('training:finished');
    let crashed = false;
    const stop = studio.events.subscribe((channel, payload) => {
      if (channel !== 'training:progress' || (payload as { phase: string }).phase !== 'training' || crashed) return;
      crashed = true;
      studio.ml.worker.run({ kind: 'crash', how: 'abort' }).catch(() => undefined);
    });
    // An MLP (TF.js) keeps the run going long enough; a linear head on the SIMD engine would finish first.
    const { runId } = await studio.call('training:start', { head: { kind: 'mlp', epochs: 400, patience: 400 } });
    const { run } = await finished;
    stop();
    expect(run).toMatchObject({ id: runId, status: 'failed', error: { message: expect.stringMatching(/ML worker stopped unexpectedly/) } });

    await label(fixture, train.slice(6, 8));
    expect((await studio.call('labels:history', { limit: 2 })).map((d) => d.sampleId)).toEqual([train[7], train[6]]);
    expect((await studio.call('queue:next', { count: 3 })).length).toBe(3);
    expect(await studio.call('loop:rounds', {})).toEqual([]);
    expect((await studio.call('runs:get', { id: runId })).status).toBe('failed');
    const status = await studio.call('loop:status', {});
    expect(status).toMatchObject({ training: null, lastRun: { id: runId, status: 'failed', test: null } });

    const again = studio.next('training:finished');
    await studio.call('training:start', {});
    expect((await again).run.status).toBe('succeeded');
    expect((await studio.call('runs:list', {})).map((r: RunRecord) => r.status)).toEqual(['succeeded', 'failed']);
  });

  it('settings, rounds and the queue batch survive closing and reopening the project', async () => {
    const fixture = await studio.open({ perClass: 8, classes: ['red', 'blue'] });
    const settings = await studio.call('loop:update-settings', { strategy: 'entropy', batchSize: 7, retrainEvery: 50, minTestLabelsPerClass: 3 });
    expect(settings).toMatchObject({ strategy: 'entropy', batchSize: 7, retrainEvery: 50, autoRetrain: true, minValLabelsPerClass: 5, backboneId: 'pixels', head: 'linear' });
    await label(fixture, [...ids(fixture, 'train').slice(0, 4), ...ids(fixture, 'test')]);
    const refreshed = studio.next('project:changed', (p) => p.what.includes('runs'));
    await studio.call('training:start', {});
    await refreshed;
    const rounds = await studio.call('loop:rounds', {});
    const queue = (await studio.call('loop:status', {})).queue;
    expect(queue).toMatchObject({ strategy: 'entropy', size: expect.any(Number) });

    await studio.call('project:close', {});
    await studio.call('project:open', { dir: fixture.dir });
    expect(await studio.call('loop:settings', {})).toEqual(settings);
    expect(await studio.call('loop:rounds', {})).toEqual(rounds);
    expect((await studio.call('loop:status', {})).queue).toEqual(queue);
    const items = await studio.call('queue:next', { count: 3 });
    expect(items.find((item) => !item.heldOut)?.reason.strategy).toBe('entropy');

    // Trained from the CLI while the studio had it closed, on the same labels: it updates the round instead of adding one,
    // and the studio picks a fresh batch from that model on opening.
    await studio.call('project:close', {});
    const cli = await trainCommand.run({ positionals: [fixture.dir], values: {}, json: true, progress: () => undefined, signal: new AbortController().signal });
    const rebatched = studio.next('project:changed', (p) => p.what.includes('queue'));
    await studio.call('project:open', { dir: fixture.dir });
    await studio.call('loop:status', {}); // what the UI asks on opening a project
    await rebatched;
    expect((await studio.call('loop:rounds', {})).map((r) => [r.round, r.runId, r.retrains])).toEqual([[1, cli.id, 1]]);
    expect((await studio.call('loop:status', {})).queue).toMatchObject({ strategy: 'entropy', runId: cli.id });
  });

  it('closing the project cancels its run; the run is recorded as cancelled', async () => {
    const fixture = await studio.open({ perClass: 8, classes: ['red', 'blue'] });
    await studio.call('loop:update-settings', { autoRetrain: false });
    await label(fixture, ids(fixture, 'train').slice(0, 6));
    const started = studio.next('training:progress', (p) => p.phase === 'training');
    const { runId } = await studio.call('training:start', { head: { kind: 'mlp', epochs: 2000, patience: 2000 } });
    await started;
    await studio.call('project:close', {});
    await studio.call('project:open', { dir: fixture.dir });
    expect((await studio.call('runs:get', { id: runId })).status).toBe('cancelled');
  });

  it('strategies come from the registry; an unknown strategy or backbone is refused with the known ones named', async () => {
    await studio.open({ perClass: 4 });
    const strategies = await studio.call('loop:strategies', {});
    expect(strategies.map((s) => s.name)).toEqual(expect.arrayContaining(['random', 'margin', 'hybrid', 'bald', 'cold-start']));
    expect(strategies.find((s) => s.name === 'bald')).toMatchObject({ needs: ['mc-dropout'], coldStart: false });
    expect(strategies.find((s) => s.name === 'cold-start')).toMatchObject({ coldStart: true });
    const unknown = await studio.registry.dispatch('loop:update-settings', { strategy: 'psychic' }, { transport: 'test' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'invalid-request', message: 'There is no query strategy named "psychic".', hint: expect.stringMatching(/^Known strategies: random, .*margin/) } });
    const backbone = await studio.registry.dispatch('loop:update-settings', { backboneId: 'no-such-net' }, { transport: 'test' });
    expect(backbone).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect((await studio.call('loop:settings', {})).strategy).toBe('hybrid');
  });
});

/** The queue once the first (cold-start) batch is in place. */
async function queueOrderOnceSettled() {
  for (let i = 0; i < 300; i++) {
    const items = await studio.call('queue:next', { count: 10 });
    if (items[0]?.reason.strategy !== 'import-order') return items;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('no batch was chosen');
}
