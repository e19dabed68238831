import { describe, expect, it } from 'vitest';
import type { RunProgress } from '../../../shared/ml/runs';
import { adoptRun, applyTrainingFinished, applyTrainingProgress, cancellingTraining, describeOutcome, describeProgress, isTraining, startingTraining, trainingStarted } from '../../../renderer/src/store/trainingJob';
import { epochs, runRecord } from './fakeLoop';

const epoch = (runId: string, n: number, of = 5): RunProgress => ({ phase: 'training', runId, epoch: epochs(n)[n - 1], epochs: of });

describe('a training run as the Model tab follows it', () => {
  it('adopts the first progress before training:start answered, then grows the chart one epoch at a time', () => {
    let job = applyTrainingProgress(startingTraining(), { phase: 'embedding', runId: 'r1', done: 3, total: 10 });
    expect(job).toMatchObject({ runId: 'r1', stage: 'running', history: [] });
    job = trainingStarted(job, 'r1')!;
    job = applyTrainingProgress(job, epoch('r1', 1));
    job = applyTrainingProgress(job, epoch('r1', 2));
    job = applyTrainingProgress(job, epoch('r1', 2)); // a repeated event does not add a point
    expect(job.history.map((e) => e.epoch)).toEqual([1, 2]);
    expect(job.epochs).toBe(5);
  });

  it('follows a run the loop started in the background once the previous one finished', () => {
    const finished = applyTrainingFinished(trainingStarted(startingTraining(), 'r1'), runRecord({ id: 'r1' }))!;
    const next = applyTrainingProgress(finished, epoch('r2', 1));
    expect(next).toMatchObject({ runId: 'r2', stage: 'running', run: null });
    expect(next.history).toHaveLength(1);
  });

  it('the stored record replaces the live figures, and a late progress event does not reopen the run', () => {
    let job = trainingStarted(startingTraining(), 'run-1')!;
    job = applyTrainingProgress(job, epoch('run-1', 1));
    job = applyTrainingFinished(job, runRecord({ id: 'run-1', history: epochs(3) }))!;
    expect(job).toMatchObject({ stage: 'finished', history: epochs(3) });
    expect(isTraining(job)).toBe(false);
    expect(applyTrainingProgress(job, { phase: 'scoring', runId: 'run-1', done: 1, total: 2 })).toBe(job);
  });

  it('the record of another run does not replace the run on screen', () => {
    const job = applyTrainingProgress(null, epoch('mine', 1));
    expect(applyTrainingFinished(job, runRecord({ id: 'other' }))).toBe(job);
  });

  it('a run the loop reports is followed, unless it is already on screen or already ended', () => {
    expect(adoptRun(null, 'bg', null)).toMatchObject({ runId: 'bg', stage: 'running', history: [] });
    expect(adoptRun(null, 'bg', epoch('bg', 2))).toMatchObject({ runId: 'bg', stage: 'running', progress: { phase: 'training' } });
    const mine = applyTrainingProgress(null, epoch('bg', 3));
    expect(adoptRun(mine, 'bg', epoch('bg', 1))).toBe(mine); // the events are fresher than the status
    const ended = applyTrainingFinished(mine, runRecord({ id: 'bg' }));
    expect(adoptRun(ended, 'bg', null)).toBe(ended);
    expect(adoptRun(startingTraining(), 'other', null)?.stage).toBe('starting');
  });

  it('cancelling stays cancelling while the last events arrive', () => {
    const job = cancellingTraining(trainingStarted(startingTraining(), 'r1'))!;
    expect(applyTrainingProgress(job, epoch('r1', 2)).stage).toBe('cancelling');
  });
});

describe('what the phase says', () => {
  it('names each phase with its counts and fills the bar', () => {
    expect(describeProgress({ phase: 'embedding', runId: 'r', done: 120, total: 480 })).toEqual({ text: 'Embedding 120/480', fraction: 0.25 });
    expect(describeProgress(epoch('r', 3, 30))).toEqual({ text: 'Training epoch 3/30', fraction: 0.1 });
    // A fine-tuning epoch can take minutes: the bar moves within it.
    expect(describeProgress({ phase: 'fine-tuning-step', runId: 'r', epoch: 2, epochs: 4, done: 500, total: 1000 })).toEqual({ text: 'Fine-tuning the backbone, epoch 2/4: 500/1,000 images', fraction: 0.375 });
    expect(describeProgress({ phase: 'scoring', runId: 'r', done: 1000, total: 1000 }).text).toBe('Scoring 1,000/1,000');
    expect(describeProgress({ phase: 'downloading', runId: 'r', backboneId: 'b', receivedBytes: 7_000_000, totalBytes: 14_000_000 })).toEqual({ text: 'Downloading the backbone 7.0 MB of 14 MB', fraction: 0.5 });
    expect(describeProgress({ phase: 'downloading', runId: 'r', backboneId: 'b', receivedBytes: 1, totalBytes: null }).fraction).toBeNull();
  });

  it('a failed run says its message; a succeeded one its val accuracy and time', () => {
    expect(describeOutcome(runRecord())).toBe('Trained in 4.0 s: val accuracy 75% (n = 4: too few val labels (fewer than 30), read as rough).');
    expect(describeOutcome(runRecord({ status: 'failed', error: { code: 'io', message: 'The backbone file is truncated.', hint: 'Download it again.' } }))).toBe('The run failed: The backbone file is truncated.');
    expect(describeOutcome(runRecord({ metrics: { train: { count: 3, accuracy: 1, loss: 0.1, macroF1: 1 }, val: null } }))).toMatch(/train accuracy 100% \(no val labels yet\)/);
  });
});
