import { afterEach, describe, expect, it } from 'vitest';
import { MlWorker } from '../../../../electron/services/ml/MlWorker';
import { pixelsCard } from '../../../../shared/ml/pixels';
import { mlProject } from '../ml/mlFixtures';

let worker: MlWorker | null = null;
afterEach(async () => {
  await worker?.dispose();
  worker = null;
});

describe('background ML jobs', () => {
  it('give way at once to any other job, which then runs without waiting for them', async () => {
    const { project, dir } = await mlProject({ perClass: 60 });
    await project.close();
    worker = new MlWorker({ onLog: () => undefined });
    const backbone = { card: pixelsCard('pixels')!, modelPath: null };
    const background = worker.run({ kind: 'map', projectDir: dir, backbone }, { background: true });
    await new Promise((r) => setTimeout(r, 200));
    const foreground = worker.run({ kind: 'capabilities' });
    await expect(background).rejects.toMatchObject({ code: 'cancelled' });
    await expect(foreground).resolves.toMatchObject({ backend: { name: expect.any(String) } });
  });
});
