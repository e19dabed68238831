import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Project } from '../../../../electron/services/project/Project';
import { runImport } from '../../../../electron/services/ingest';
import type { Split } from '../../../../shared/contract/schemas';
import { classFolderTree, makeTempDir, removeDir } from '../../../helpers/images';

let root: string;
let projectDir: string;
let project: Project;

beforeEach(async () => {
  root = await makeTempDir();
  projectDir = join(root, 'project');
  project = await Project.create(projectDir);
});
afterEach(async () => {
  await project.close();
  await removeDir(root);
});

function countsByLabel(p: Project): Map<string, Record<Split, number>> {
  const out = new Map<string, Record<Split, number>>();
  for (const s of p.samples.all) {
    const key = s.importedLabel ?? '';
    const counts = out.get(key) ?? { train: 0, val: 0, test: 0 };
    counts[s.split] += 1;
    out.set(key, counts);
  }
  return out;
}

describe('frozen stratified splits', () => {
  it('gives every class 80/10/10 of its own images', async () => {
    const dir = join(root, 'animals');
    await classFolderTree(dir, { cat: 50, dog: 30, bird: 20 });
    await runImport(project, { sources: [dir], labelsFrom: 'folders' }, { limits: { batchSize: 40 } });
    const counts = countsByLabel(project);
    expect(counts.get('cat')).toEqual({ train: 40, val: 5, test: 5 });
    expect(counts.get('dog')).toEqual({ train: 24, val: 3, test: 3 });
    expect(counts.get('bird')).toEqual({ train: 16, val: 2, test: 2 });
  });

  it('does not follow file order: the test split is spread over the folder, not its last files', async () => {
    const dir = join(root, 'animals');
    const paths = await classFolderTree(dir, { cat: 60 });
    await runImport(project, { sources: [dir], labelsFrom: 'none' }, { limits: { batchSize: 100 } });
    const byPath = new Map(project.samples.all.map((s) => [s.path, s.split]));
    const testPositions = paths.cat.map((p, i) => (byPath.get(p) === 'test' ? i : -1)).filter((i) => i >= 0);
    expect(testPositions).toHaveLength(6);
    expect(Math.min(...testPositions)).toBeLessThan(50);
  });

  it('keeps every split after the project is closed and reopened, and new images keep the ratio', async () => {
    const dir = join(root, 'animals');
    await classFolderTree(dir, { cat: 40, dog: 20 });
    await runImport(project, { sources: [dir], labelsFrom: 'folders' });
    const before = new Map(project.samples.all.map((s) => [s.id, s.split]));
    await project.close();

    project = await Project.open(projectDir);
    expect(new Map(project.samples.all.map((s) => [s.id, s.split]))).toEqual(before);
    const more = join(root, 'more');
    await classFolderTree(more, { cat: 20 }, { seed: 9000 });
    await runImport(project, { sources: [more], labelsFrom: 'folders' });
    for (const s of project.samples.all) if (before.has(s.id)) expect(s.split).toBe(before.get(s.id));
    expect(countsByLabel(project).get('cat')).toEqual({ train: 48, val: 6, test: 6 });
  });
});
