import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { runImport } from '../../../electron/services/ingest';
import { Project } from '../../../electron/services/project/Project';
import { classFolderTree } from '../../helpers/images';
import { tempDir } from '../../helpers/tempProject';

const run = promisify(execFile);
const repo = join(import.meta.dirname, '..', '..', '..');
const studio = (...args: string[]) => run('npx', ['tsx', 'electron/cli/index.ts', ...args], { cwd: repo, encoding: 'utf8' });

describe('studio labels export, bundle and unbundle (CLI)', () => {
  it('export labels as JSON lines, bundle the project and unbundle it elsewhere, each printing JSON', async () => {
    const root = await tempDir();
    const dir = join(root, 'project');
    await classFolderTree(join(root, 'photos'), { cat: 3, dog: 2 });
    const project = await Project.create(dir);
    await runImport(project, { sources: [join(root, 'photos')], labelsFrom: 'folders' });
    await project.close();

    const out = join(root, 'labels.jsonl');
    const exported = JSON.parse((await studio('labels', 'export', dir, '--format', 'jsonl', '--out', out, '--json')).stdout);
    expect(exported).toMatchObject({ format: 'jsonl', out, written: 5 });
    expect((await readFile(out, 'utf8')).trim().split('\n').map((l) => JSON.parse(l).label)).toEqual(['cat', 'cat', 'cat', 'dog', 'dog']);

    const bundle = join(root, 'p.tar.gz');
    expect(JSON.parse((await studio('bundle', dir, '--out', bundle, '--with-images', '--json')).stdout)).toMatchObject({ samples: 5, images: 5 });
    const copy = join(root, 'copy');
    expect(JSON.parse((await studio('unbundle', bundle, copy, '--json')).stdout)).toMatchObject({ dir: copy, samples: 5, images: { bundled: 5, missing: [] } });

    const refused = await studio('labels', 'export', dir, '--format', 'coco', '--out', out).catch((error: { code: number; stderr: string }) => error);
    expect(refused).toMatchObject({ code: 2, stderr: expect.stringContaining('--format must be one of csv, jsonl, imagefolder, label-studio') });
  }, 240_000); // four CLI processes, each starting tsx
});
