import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Project } from '../../../../electron/services/project/Project';
import { TeamStore, teamFile } from '../../../../electron/services/team/TeamStore';
import { projectWithSamples } from '../../../helpers/tempProject';
import { wrapDocument } from '../../../../electron/services/storage/documentEnvelope';
import { smallDisk, type SmallDisk } from '../../../helpers/smallDisk';

// team.json is a project document like the others: checksummed, generations kept, strict.

describe('the team document', () => {
  it('a damaged team.json is restored from the generation before, with a notice the project shows', async () => {
    const { project, dir } = await projectWithSamples(1);
    const store = await TeamStore.open(project);
    await store.setRole('rita', 'reviewer');
    await store.setOverlap(0.2);
    const text = await readFile(join(dir, teamFile), 'utf8');
    await writeFile(join(dir, teamFile), text.slice(0, 30));
    const restored = await TeamStore.open(project);
    expect(restored.roleOf('rita')).toBe('reviewer');
    expect(restored.overlapRate).toBe(0);
    expect(restored.notices[0].message).toMatch(/team\.json was damaged/);
    expect(project.notices.map((n) => n.message)).toContainEqual(expect.stringMatching(/team\.json was damaged/));
    await project.close();
  });

  it('a team.json with a field this studio does not know is not taken as the team', async () => {
    const { project, dir } = await projectWithSamples(1);
    const store = await TeamStore.open(project);
    await store.setRole('rita', 'reviewer');
    await store.setRole('bob', 'annotator');
    // A well-formed, checksummed, newest generation whose data holds a field no studio writes.
    const pasted = { members: [{ name: 'mallory', role: 'reviewer', admin: true }], overlap: 0 };
    await writeFile(join(dir, teamFile), wrapDocument(pasted, 99, new Date().toISOString()));
    const reopened = await TeamStore.open(project);
    expect(reopened.roleOf('mallory')).toBe('annotator');
    expect(reopened.roleOf('rita')).toBe('reviewer');
    expect(reopened.notices[0].message).toMatch(/team\.json/);
    await project.close();
  });

  it('a read-only project reads the team and refuses to change it', async () => {
    const { project, dir } = await projectWithSamples(1);
    await (await TeamStore.open(project)).setRole('rita', 'reviewer');
    await project.close();
    const readOnly = await Project.open(dir, { readOnly: true });
    const store = await TeamStore.open(readOnly);
    expect(store.roleOf('rita')).toBe('reviewer');
    await expect(store.setOverlap(0.1)).rejects.toThrow(/read-only/);
    await readOnly.close();
  });
});

let disk: SmallDisk | null = null;
beforeAll(async () => {
  disk = process.getuid?.() === 0 ? await smallDisk() : null;
});
afterAll(async () => {
  await disk?.dispose();
});

describe.skipIf(process.getuid?.() !== 0)('the team document on a full disk (a real tmpfs)', () => {
  it('a role change the disk refuses is not kept: the team stays as it was on disk, and the error says what was not saved', async () => {
    if (!disk) return expect.fail('could not mount a tmpfs although running as root');
    const dir = join(disk.dir, 'team');
    const project = await Project.create(dir, { classes: [{ name: 'cat' }] });
    const store = await TeamStore.open(project);
    await store.setRole('rita', 'reviewer');
    await disk.fill();
    await expect(store.setRole('bob', 'reviewer')).rejects.toMatchObject({ code: 'disk-full', message: expect.stringMatching(/The role of bob was not changed/) });
    expect(store.roleOf('bob')).toBe('annotator');
    await disk.free();
    await project.close();
    const reopened = await Project.open(dir);
    const again = await TeamStore.open(reopened);
    expect(again.members).toEqual([{ name: 'rita', role: 'reviewer' }]);
    await reopened.close();
  });
});
