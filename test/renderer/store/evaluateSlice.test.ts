import { describe, expect, it } from 'vitest';
import { settle } from './fakeStudio';
import { fakeLoopStudio, report, round } from './fakeLoop';

describe('the Evaluate tab in the store', () => {
  it('loads the report and the failure cases of the latest run, then of a run the user picks', async () => {
    const studio = fakeLoopStudio();
    studio.handle('evaluate:report', ({ runId }) => ({ ok: true, value: report(runId === 'run-1' ? [round(1, 40, 0.6)] : [round(1, 40, 0.6), round(2, 80, 0.7)]) }));
    await studio.store.getState().loadEvaluation();
    expect(studio.store.getState().evaluate.report?.run?.id).toBe('run-2');
    expect(studio.callsTo('evaluate:failures').at(-1)).toEqual({ runId: 'run-2', splits: ['val', 'test'] });

    studio.store.getState().chooseEvaluationRun('run-1');
    await settle();
    await settle();
    expect(studio.callsTo('evaluate:report').at(-1)).toEqual({ runId: 'run-1' });
    expect(studio.callsTo('evaluate:failures').at(-1)).toMatchObject({ runId: 'run-1' });

    studio.store.getState().setFailureSplits(['test']);
    await settle();
    expect(studio.callsTo('evaluate:failures').at(-1)).toEqual({ runId: 'run-1', splits: ['test'] });
  });

  it('with no model there are no failure cases to ask for', async () => {
    const studio = fakeLoopStudio();
    await studio.store.getState().loadEvaluation();
    expect(studio.store.getState().evaluate).toMatchObject({ failures: null, report: { run: null } });
    expect(studio.callsTo('evaluate:failures')).toHaveLength(0);
  });

  it('compares two runs, and drops an answer meant for an earlier pick', async () => {
    const studio = fakeLoopStudio();
    const comparison = (baseRunId: string, runId: string) => ({
      base: { id: baseRunId, createdAt: '', finishedAt: null, round: 1, labels: { train: 1, val: 0 }, backbone: 'Pixels', head: 'linear' },
      other: { id: runId, createdAt: '', finishedAt: null, round: 2, labels: { train: 2, val: 0 }, backbone: 'Pixels', head: 'linear' },
      count: 12,
      tooFew: true,
      accuracy: { base: 0.5, other: 0.75, delta: 0.25 },
      macroF1: { base: 0.4, other: 0.7, delta: 0.3 },
      perClass: [],
      changed: { fixed: 3, broken: 0, otherwise: 0 },
    });
    studio.handle('evaluate:compare', ({ baseRunId, runId }) => ({ ok: true, value: comparison(baseRunId, runId) }));
    const first = studio.store.getState().compareRuns('run-1', 'run-2');
    const second = studio.store.getState().compareRuns('run-2', 'run-3');
    await Promise.all([first, second]);
    expect(studio.store.getState().evaluate.comparison).toMatchObject({ baseRunId: 'run-2', runId: 'run-3', result: { base: { id: 'run-2' } } });
  });

  it('a sample opened from the failure cases is labeled as chosen there', async () => {
    const studio = fakeLoopStudio(['s0', 's1', 's2']);
    await studio.store.getState().startLabeling();
    await settle();
    studio.store.getState().openSample('s2', 'failure-cases');
    studio.store.getState().labelCurrent('dog');
    await settle();
    expect(studio.callsTo('labels:set').at(-1)).toMatchObject({ sampleId: 's2', classId: 'dog', via: 'failure-cases' });
    // The next image came from the queue: no view to name.
    studio.store.getState().labelCurrent('cat');
    await settle();
    expect(studio.callsTo('labels:set').at(-1)).not.toHaveProperty('via');
  });
});
