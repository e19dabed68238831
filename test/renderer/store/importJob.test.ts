import { describe, expect, it } from 'vitest';
import type { ImportProgress, ImportReport } from '../../../shared/contract/imports';
import { applyFailed, applyFinished, applyProgress, describeJob, isActive, jobStarted, progressFraction, startingJob, uploadingJob } from '../../../renderer/src/store/importJob';

const progress = (over: Partial<ImportProgress> = {}): ImportProgress => ({
  jobId: 'j1',
  phase: 'importing',
  done: 50,
  total: 200,
  imported: 45,
  duplicates: 3,
  rejected: 2,
  ...over,
});
const report: ImportReport = {
  imported: 190,
  duplicates: [{ path: '/a/b.png', duplicateOf: '/a/a.png' }],
  rejected: [{ path: '/a/c.txt', reason: 'not-an-image', detail: 'text' }],
  labeled: 0,
  newClasses: [],
  splits: { groups: 0, groupedImages: 0, joinedEarlier: 0, bridges: [], resplit: [] },
  unmatchedCsvRows: 0,
  cancelled: false,
};

describe('following an import', () => {
  it('adopts progress that arrives before import:start answered with the job id', () => {
    const job = applyProgress(startingJob({ sources: ['/a'] }, null), progress());
    expect(job).toMatchObject({ jobId: 'j1', stage: 'running' });
    expect(progressFraction(job!)).toBe(0.25);
    expect(describeJob(job!)).toBe('Importing 50 of 200: 45 imported, 3 duplicates, 2 rejected');
  });

  it("ignores another tab's import", () => {
    const job = jobStarted(startingJob({ sources: ['/a'] }, null), 'mine');
    expect(applyProgress(job, progress({ jobId: 'theirs' }))).toBe(job);
    expect(applyFinished(job, 'theirs', report)).toBe(job);
  });

  it('shows no fraction while scanning (the total is not known yet)', () => {
    const job = applyProgress(jobStarted(startingJob({ sources: ['/a'] }, null), 'j1'), progress({ phase: 'scanning', total: 10 }));
    expect(progressFraction(job!)).toBeNull();
  });

  it('ends with the report, and says when it was cancelled', () => {
    const running = jobStarted(startingJob({ sources: ['/a'] }, null), 'j1');
    const done = applyFinished(running, 'j1', { ...report, cancelled: true })!;
    expect(isActive(done)).toBe(false);
    expect(describeJob(done)).toBe('Import cancelled: 190 imported, 1 duplicates, 1 rejected');
  });

  it('a failure keeps the message to show', () => {
    const failed = applyFailed(startingJob({ sources: ['/a'] }, null), null, { message: 'No such folder', hint: 'Check the path' })!;
    expect(failed.stage).toBe('failed');
    expect(describeJob(failed)).toBe('Import failed: No such folder');
  });

  it('counts uploaded files while uploading', () => {
    const job = { ...uploadingJob(8), upload: { done: 2, total: 8 } };
    expect(progressFraction(job)).toBe(0.25);
    expect(describeJob(job)).toBe('Uploading 2 of 8 files…');
  });
});
