import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Project } from '../../../electron/services/project/Project';
import { classFolderTree, makeTempDir, randomBytesFile, removeDir, writeBytes } from '../../helpers/images';

const run = promisify(execFile);
const repo = join(import.meta.dirname, '..', '..', '..');
const studio = (...args: string[]) => run('npx', ['tsx', 'electron/cli/index.ts', ...args], { cwd: repo, encoding: 'utf8' });

let root: string;

beforeEach(async () => {
  root = await makeTempDir();
});
afterEach(async () => {
  await removeDir(root);
});

describe('studio import (CLI)', () => {
  it('imports with folder labels and prints the report as JSON', async () => {
    const projectDir = join(root, 'project');
    await (await Project.create(projectDir)).close();
    const photos = join(root, 'photos');
    const paths = await classFolderTree(photos, { cat: 3, dog: 2 });
    await writeBytes(join(photos, 'cat', 'zz-copy.png'), await readFile(paths.cat[0]));
    await writeBytes(join(photos, 'broken.jpg'), randomBytesFile());

    const { stdout, stderr } = await studio('import', projectDir, photos, '--labels-from', 'folders', '--json');

    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ imported: 5, labeled: 5, newClasses: ['cat', 'dog'], cancelled: false });
    expect(report.duplicates).toEqual([{ path: join(photos, 'cat', 'zz-copy.png'), duplicateOf: paths.cat[0] }]);
    expect(report.rejected).toEqual([expect.objectContaining({ path: join(photos, 'broken.jpg'), reason: 'not-an-image' })]);
    expect(stderr).toMatch(/finishing: 7\/7 files/);

    const project = await Project.open(projectDir, { readOnly: true });
    expect(project.samples.size).toBe(5);
    await project.close();
  });

  it('prints a short summary with the rejected files for people, and fails clearly on a bad CSV', async () => {
    const projectDir = join(root, 'project');
    await (await Project.create(projectDir)).close();
    const photos = join(root, 'photos');
    await writeBytes(join(photos, 'notes.jpg'), randomBytesFile());
    const { stdout } = await studio('import', projectDir, photos);
    expect(stdout).toContain('Imported 0 images; 0 duplicates skipped; 1 rejected.');
    expect(stdout).toContain('notes.jpg  [not-an-image]');

    const csv = await writeBytes(join(root, 'bad.csv'), 'a.png,cat,oops\n');
    const failure = await studio('import', projectDir, photos, '--labels-from', csv).catch((e: { code: number; stderr: string }) => e);
    expect(failure).toMatchObject({ code: 1, stderr: expect.stringContaining('malformed at line 1') });
  });
});
