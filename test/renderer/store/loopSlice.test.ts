import { afterEach, describe, expect, it } from 'vitest';
import { followStudioEvents } from '../../../renderer/src/store/studioEvents';
import { settle } from './fakeStudio';
import { fakeLoopStudio, loopStatus, report, round } from './fakeLoop';

const disposers: (() => void)[] = [];
afterEach(() => disposers.splice(0).forEach((d) => d()));

describe('loop settings and status in the store', () => {
  it('loads settings, strategies and status when asked', async () => {
    const studio = fakeLoopStudio();
    await studio.store.getState().loadLoop();
    const { loop } = studio.store.getState();
    expect(loop.settings?.strategy).toBe('margin');
    expect(loop.strategies?.map((s) => [s.name, s.coldStart])).toEqual([
      ['random', true],
      ['margin', false],
    ]);
    expect(loop.status?.retrainEvery).toBe(20);
  });

  it('saves one field at a time and keeps the studio’s refusal beside that field', async () => {
    const studio = fakeLoopStudio();
    await studio.store.getState().loadLoop();
    expect(await studio.store.getState().saveLoopSetting('strategy', 'bald')).toBe(false);
    expect(studio.store.getState().loop.fieldErrors).toEqual({ strategy: 'There is no strategy "bald". Choose one of the listed strategies.' });
    expect(studio.store.getState().loop.settings?.strategy).toBe('margin');

    expect(await studio.store.getState().saveLoopSetting('strategy', 'random')).toBe(true);
    expect(studio.callsTo('loop:update-settings').at(-1)).toEqual({ strategy: 'random' });
    expect(studio.store.getState().loop.fieldErrors).toEqual({});
    expect(studio.store.getState().loop.settings?.strategy).toBe('random');
  });

  it('a value the contract refuses is refused before any handler sees it', async () => {
    const studio = fakeLoopStudio();
    await studio.store.getState().loadLoop();
    expect(await studio.store.getState().saveLoopSetting('batchSize', 0)).toBe(false);
    expect(studio.store.getState().loop.fieldErrors.batchSize).toBeTruthy();
    expect(studio.settings().batchSize).toBe(10);
  });

  it('follows the status the studio pushes, and refetches the evaluation when a round ends or a retrain replaces its model', async () => {
    const studio = fakeLoopStudio();
    disposers.push(followStudioEvents(studio.store, 0));
    await studio.store.getState().loadEvaluation();
    studio.handle('evaluate:report', () => ({ ok: true, value: report([round(1, 40, 0.7)]) }));
    studio.emit('loop:status-changed', loopStatus({ round: 1, labelsSinceRun: 3 }));
    await settle();
    expect(studio.store.getState().loop.status?.labelsSinceRun).toBe(3);
    expect(studio.store.getState().evaluate.report?.rounds).toHaveLength(1);

    // Same round, a new model (a retrain on the same labels): the figures move too.
    studio.handle('evaluate:report', () => ({ ok: true, value: report([round(1, 40, 0.8, 'margin', { runId: 'run-9', retrains: 1 })]) }));
    studio.emit('loop:status-changed', loopStatus({ round: 1, lastRun: { id: 'run-9', status: 'succeeded', val: null, test: null, finishedAt: null } }));
    await settle();
    expect(studio.store.getState().evaluate.report?.rounds[0]).toMatchObject({ runId: 'run-9', retrains: 1 });
  });

  it('stops listening when the workspace goes away', () => {
    const studio = fakeLoopStudio();
    const dispose = followStudioEvents(studio.store, 0);
    expect(studio.listenerCount('loop:status-changed')).toBe(1);
    expect(studio.listenerCount('training:progress')).toBe(1);
    dispose();
    expect(studio.listenerCount('loop:status-changed')).toBe(0);
    expect(studio.listenerCount('training:progress')).toBe(0);
  });
});
