import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { runImport } from '../../../electron/services/ingest';
import { Project } from '../../../electron/services/project/Project';
import { classFolderTree, nearDuplicateBytes, writeBytes } from '../../helpers/images';
import { tempDir } from '../../helpers/tempProject';

const run = promisify(execFile);
const repo = join(import.meta.dirname, '..', '..', '..');
const studio = (...args: string[]) => run('npx', ['tsx', 'electron/cli/index.ts', ...args], { cwd: repo, encoding: 'utf8' });

describe('studio status (CLI): the split report', () => {
  it('lists each imported label per split against its target, and the near-duplicate groups kept whole', async () => {
    const root = await tempDir();
    const projectDir = join(root, 'project');
    const photos = join(root, 'photos');
    await classFolderTree(photos, { cat: 30, dog: 20 }, { size: 200 });
    for (let i = 0; i < 5; i++) await writeBytes(join(photos, 'cat', `again-${i}.png`), await nearDuplicateBytes('png', { seed: 1000 + i, width: 200, height: 200 }));
    const project = await Project.create(projectDir);
    await runImport(project, { sources: [photos], labelsFrom: 'folders' });
    await project.close();

    const { stdout } = await studio('status', projectDir, '--json');
    const status = JSON.parse(stdout);
    expect(status.splits.strata).toEqual([
      expect.objectContaining({ label: 'cat', total: 35, withinTolerance: true }),
      expect.objectContaining({ label: 'dog', total: 20, perSplit: { train: 16, val: 2, test: 2 }, withinTolerance: true }),
    ]);
    expect(status.splits.groups).toMatchObject({ count: 5, images: 10, keptWhole: 5, straddling: [] });

    const text = (await studio('status', projectDir)).stdout;
    expect(text).toMatch(/cat\s+35\s+train \d+ {2}val \d+ {2}test \d+ .*ok/);
    expect(text).toContain('Near-duplicate groups: 5 (10 images); 5 kept whole in one split; 0 straddle splits.');
  });
});
