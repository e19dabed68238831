import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Project } from '../../../../electron/services/project/Project';
import { testStudio } from '../../../helpers/studio';
import { fakeSample, projectWithSamples } from '../../../helpers/tempProject';
import { smallDisk, type SmallDisk } from '../../../helpers/smallDisk';

describe('what the UI receives when a project lost records', () => {
  it('project:open answers `damaged` with the ways on; read-only and accept-loss then open it', async () => {
    const { project, dir, samples } = await projectWithSamples(4, ['cat']);
    for (const s of samples) await project.labels.setClass(s.id, project.doc.classes[0].id, { annotator: 'ana', seconds: 1 });
    await project.close();
    await rm(join(dir, 'labels.jsonl'));
    const studio = await testStudio();

    const refused = await studio.registry.dispatch('project:open', { dir }, { transport: 'test' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'damaged', message: expect.stringMatching(/labels.jsonl holds 0 of the 4 label records/), hint: expect.stringMatching(/Open anyway/) } });

    const readOnly = await studio.call('project:open', { dir, recovery: 'read-only' });
    expect(readOnly).toMatchObject({ readOnly: true, notices: [{ level: 'warning', message: expect.stringMatching(/Nothing was changed/) }] });
    expect((await studio.call('project:status', {})).notices).toHaveLength(1);

    const accepted = await studio.call('project:open', { dir, recovery: 'accept-loss' });
    expect(accepted.readOnly).toBe(false);
    expect(accepted.notices.map((n) => n.message)).toContain('labels.jsonl held 0 of the 4 label records studio.json lists; as you chose, the project goes on with those: 4 label records are lost.');
  });
});

let disk: SmallDisk | null = null;
beforeAll(async () => {
  disk = await smallDisk();
});
afterAll(async () => {
  await disk?.dispose();
});

describe.skipIf(process.getuid?.() !== 0)('a full disk, as the UI sees it (a real 3 MB tmpfs)', () => {
  it('creating a class answers `disk-full` (not `internal`) with what was not saved', async () => {
    if (!disk) return expect.fail('could not mount a tmpfs although running as root');
    const dir = join(disk.dir, 'ui');
    const project = await Project.create(dir, { classes: [{ name: 'cat' }] });
    await project.samples.add([fakeSample(1)]);
    await project.close();
    const studio = await testStudio();
    await studio.call('project:open', { dir });
    await disk.fill();
    try {
      const result = await studio.registry.dispatch('classes:create', { name: 'zebra' }, { transport: 'test' });
      expect(result).toMatchObject({
        ok: false,
        error: { code: 'disk-full', message: 'The disk is full: free space and try again; nothing was lost. The class "zebra" was not created. Everything saved before is safe.', hint: expect.stringMatching(/Free some space/) },
      });
      expect((await studio.call('classes:list', {})).map((c) => c.name)).toEqual(['cat']);
    } finally {
      await disk.free();
    }
    expect((await studio.call('classes:create', { name: 'zebra' })).name).toBe('zebra');
  });
});
