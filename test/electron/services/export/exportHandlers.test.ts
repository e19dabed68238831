import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EventName } from '../../../../shared/contract';
import { testStudio } from '../../../helpers/studio';
import { sharedWorker, trainedRun } from './exportedRuns';

const shared = sharedWorker();

/** Starts an export and resolves with its `export:finished` or `export:failed` event (listening from before the start). */
async function exportThrough(studio: Awaited<ReturnType<typeof testStudio>>, request: { runId: string }): Promise<{ channel: EventName; payload: any; steps: string[] }> {
  const events: { channel: EventName; payload: any }[] = [];
  let settle: (() => void) | null = null;
  const dispose = studio.events.subscribe((channel, payload) => {
    events.push({ channel, payload });
    settle?.();
  });
  try {
    const { jobId } = await studio.call('export:start', request);
    const mine = () => events.filter((e) => e.payload?.jobId === jobId);
    const end = () => mine().find((e) => e.channel === 'export:finished' || e.channel === 'export:failed');
    while (!end()) await new Promise<void>((resolve) => (settle = resolve));
    return { ...end()!, steps: mine().filter((e) => e.channel === 'export:progress').map((e) => e.payload.step) };
  } finally {
    dispose();
  }
}

describe('export channels', () => {
  it.each([
    ['a path as run id', { runId: '../runs.json' }, /runId/],
    ['a relative folder', { runId: 'run-1', outDir: 'exports/here' }, /an absolute path/],
    ['an unknown key', { runId: 'run-1', format: 'keras' }, /Unrecognized key/i],
  ])('export:start refuses %s', async (_what, payload, message) => {
    const studio = await testStudio();
    const result = await studio.registry.dispatch('export:start', payload, { transport: 'test' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(message);
  });

  it("the UI exports a run by id into the project's exports folder, with progress, and gets the report", async () => {
    const trained = await trainedRun(shared.worker, 'pixels');
    await trained.project.close();
    const studio = await testStudio();
    await studio.call('project:open', { dir: trained.dir });
    const outcome = await exportThrough(studio, { runId: trained.run.id });
    expect(outcome.channel).toBe('export:finished');
    expect(outcome.payload.report.outDir).toBe(join(trained.dir, 'exports', trained.run.id));
    expect(existsSync(join(outcome.payload.report.outDir, 'model.onnx'))).toBe(true);
    expect(outcome.steps).toEqual(expect.arrayContaining(['preparing', 'onnx', 'tfjs', 'verifying', 'writing']));

    // A second export of the same run goes beside the first, never over it.
    const again = await exportThrough(studio, { runId: trained.run.id });
    expect(again.payload.report.outDir).toBe(join(trained.dir, 'exports', `${trained.run.id}-2`));

    const failed = await exportThrough(studio, { runId: 'run-missing' });
    expect(failed.channel).toBe('export:failed');
    expect(failed.payload.error).toMatchObject({ code: 'not-found', message: expect.stringMatching(/no run run-missing/) });
  });
});
