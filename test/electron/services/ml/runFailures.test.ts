import { readFile, writeFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { MlWorker } from '../../../../electron/services/ml/MlWorker';
import { ModelCatalog } from '../../../../electron/services/ml/models/ModelCatalog';
import { RunService } from '../../../../electron/services/ml/RunService';
import { getProbabilities } from '../../../../electron/services/ml/probabilities';
import { Project } from '../../../../electron/services/project/Project';
import { tempDir } from '../../../helpers/tempProject';
import { mlProject } from './mlFixtures';

// Runs that end badly: cancelled, killed by a worker crash, cut short by a studio that
// stopped. Each must end as an honest run record with the labels untouched.

const workers: MlWorker[] = [];
async function services() {
  const worker = new MlWorker({ env: { STUDIO_ML_TEST_HOOKS: '1' }, onLog: () => undefined });
  workers.push(worker);
  const catalog = new ModelCatalog({ cacheDir: await tempDir('studio-cache-') });
  return { worker, runs: new RunService({ worker, catalog }) };
}
afterEach(async () => {
  while (workers.length) await workers.pop()!.dispose();
});

describe('runs that do not finish', () => {
  it('cancelling a run records it as cancelled and leaves the labels as they were', async () => {
    const { project } = await mlProject({ perClass: 6 });
    const { runs } = await services();
    const labelsBefore = JSON.stringify([...project.labels.book.states]);
    const handle = await runs.start(project, { backboneId: 'pixels-8x8-rgb', head: { kind: 'mlp', epochs: 500, patience: 500 }, onProgress: (p) => p.phase === 'training' && handle.cancel() });
    const record = await handle.done;
    expect(record.status).toBe('cancelled');
    expect(record.error?.code).toBe('cancelled');
    expect(JSON.stringify([...project.labels.book.states])).toBe(labelsBefore);
    await expect(getProbabilities(project)).resolves.toBeNull();
    await project.close();
  });

  it('a worker crash mid-run becomes a failed run with its reason, and the next run succeeds', async () => {
    const { project, dir } = await mlProject({ perClass: 6 });
    const { runs, worker } = await services();
    let crashed = false;
    const handle = await runs.start(project, {
      backboneId: 'pixels-8x8-rgb',
      head: { kind: 'mlp', epochs: 400, patience: 400 },
      onProgress: (p) => {
        if (p.phase === 'training' && !crashed) {
          crashed = true;
          worker.run({ kind: 'crash', how: 'abort' }).catch(() => undefined);
        }
      },
    });
    const failed = await handle.done;
    expect(failed.status).toBe('failed');
    expect(failed.error?.message).toMatch(/ML worker stopped unexpectedly: it crashed in native code/);
    expect(project.labels.book.states.size).toBeGreaterThan(0);

    const next = await (await runs.start(project, { backboneId: 'pixels-8x8-rgb' })).done;
    expect(next.status).toBe('succeeded');
    await project.close();
    // Reopening shows both records as they ended.
    const reopened = await Project.open(dir);
    expect((await runs.runs(reopened)).map((r) => r.status)).toEqual(['failed', 'succeeded']);
    await reopened.close();
  });

  it('a run left running by a studio that stopped is marked failed when the project opens again', async () => {
    const { project, dir } = await mlProject({ perClass: 4 });
    const { runs } = await services();
    const handle = await runs.start(project, { backboneId: 'pixels-8x8-rgb' });
    // Simulate the studio dying: the record on disk still says "running".
    const text = await readFile(`${dir}/runs.json`, 'utf8');
    await handle.done;
    await writeFile(`${dir}/runs.json`, text);
    await project.close();
    const reopened = await Project.open(dir);
    const [run] = await runs.runs(reopened);
    expect(run).toMatchObject({ status: 'failed', error: { message: expect.stringMatching(/stopped before this run finished/) } });
    await reopened.close();
  });
});
