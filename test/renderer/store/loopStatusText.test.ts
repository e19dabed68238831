import { describe, expect, it } from 'vitest';
import { heldOutText, lastRunText, retrainText, roundText, trainingText } from '../../../renderer/src/store/loopStatusText';
import { applyTrainingFinished, applyTrainingProgress } from '../../../renderer/src/store/trainingJob';
import { loopStatus, runRecord } from './fakeLoop';

const lastRun = {
  id: 'run-1',
  status: 'succeeded',
  val: { value: 0.812, low: 0.73, high: 0.87, n: 120 },
  test: { value: 0.78, low: 0.73, high: 0.82, n: 300 },
  finishedAt: '2026-11-03T14:05:00.000Z',
};

describe('the loop in the status bar', () => {
  it('counts labels toward the next retrain', () => {
    expect(retrainText(loopStatus({ round: 2, labelsSinceRun: 12, retrainEvery: 20, lastRun }))).toBe('12/20 until retrain');
    expect(retrainText(loopStatus({ labelsSinceRun: 5 }))).toBe('5/20 until the first training');
    expect(retrainText(loopStatus({ labelsSinceRun: 20, lastRun }))).toBe('20/20: retraining soon');
    expect(retrainText(loopStatus({ labelsSinceRun: 73 }))).toBe('73 labels: ready for the first training');
    expect(retrainText(loopStatus({ labelsSinceRun: 7, autoRetrain: false }))).toBe('7 new labels since the last run (auto-retrain off)');
    expect(retrainText(loopStatus({ labelsSinceRun: 1, training: { runId: 'r', progress: null } }))).toBe('1 new label');
  });

  it('shows the round, the last val and test accuracy, and what a failed run left', () => {
    expect(roundText(loopStatus({ round: 3 }))).toBe('Round 3');
    expect(roundText(loopStatus())).toBe('No model yet');
    expect(lastRunText(loopStatus({ lastRun }))).toEqual([
      { text: 'val 81% (n = 120)', muted: false, title: 'Val accuracy 81.2%, 95% interval 73–87%, on 120 val labels' },
      { text: 'test 78% (n = 300)', muted: false, title: 'Test accuracy 78.0%, 95% interval 73–82%, on 300 test labels' },
    ]);
    expect(lastRunText(loopStatus({ lastRun: { ...lastRun, test: null } }))?.map((p) => p.text)).toEqual(['val 81% (n = 120)', 'test —']);
    expect(lastRunText(loopStatus({ lastRun: { ...lastRun, status: 'failed' } }))).toEqual([{ text: 'last run failed', muted: false, title: '' }]);
    expect(lastRunText(loopStatus())).toBeNull();
  });

  it('"val 25 % · test 76 %" from 8 and 17 labels is no headline: each says its n and is muted as too few', () => {
    const few = { ...lastRun, val: { value: 0.25, low: 0.07, high: 0.59, n: 8 }, test: { value: 0.76, low: 0.53, high: 0.9, n: 17 } };
    expect(lastRunText(loopStatus({ lastRun: few }))).toEqual([
      { text: 'val 25% (n = 8)', muted: true, title: 'Val accuracy 25.0%, 95% interval 7–59%, on 8 val labels: too few val labels (fewer than 30) to trust' },
      { text: 'test 76% (n = 17)', muted: true, title: 'Test accuracy 76.0%, 95% interval 53–90%, on 17 test labels: too few test labels (fewer than 30) to trust' },
    ]);
  });

  it('says how many classes still need held-out labels', () => {
    const status = loopStatus({
      heldOutNeeded: [
        { split: 'test', classId: 'cat', have: 2, need: 10 },
        { split: 'test', classId: 'dog', have: 0, need: 10 },
        { split: 'val', classId: 'dog', have: 1, need: 5 },
      ],
    });
    expect(heldOutText(status)).toBe('test labels short in 2 classes, val labels short in 1 class');
    expect(heldOutText(loopStatus())).toBeNull();
  });
});

describe('training in the status bar', () => {
  const scoring = { phase: 'scoring' as const, runId: 'run-1', done: 246, total: 246 };
  it('follows this window’s run, or a run started elsewhere through the loop status', () => {
    const job = applyTrainingProgress(null, { phase: 'embedding', runId: 'run-1', done: 10, total: 40 });
    expect(trainingText(loopStatus(), job)).toEqual({ text: 'Embedding 10/40', fraction: 0.25 });
    expect(trainingText(loopStatus({ training: { runId: 'run-9', progress: scoring } }), null)?.text).toBe('Scoring 246/246');
    expect(trainingText(loopStatus(), null)).toBeNull();
  });

  it('once the run ended but the loop still rescores the queue, says so instead of a stale phase', () => {
    const finished = applyTrainingFinished(applyTrainingProgress(null, scoring), runRecord({ id: 'run-1' }));
    expect(trainingText(loopStatus({ training: { runId: 'run-1', progress: scoring } }), finished)).toEqual({ text: 'Updating the queue…', fraction: null });
  });
});
