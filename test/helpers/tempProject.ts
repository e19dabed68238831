import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach } from 'vitest';
import { Project } from '../../electron/services/project/Project';
import type { Sample } from '../../shared/domain/records';
import type { Split } from '../../shared/contract/schemas';

const made: string[] = [];

/** A fresh temp folder, removed after the test. */
export async function tempDir(prefix = 'studio-test-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

afterEach(async () => {
  while (made.length) await rm(made.pop()!, { recursive: true, force: true });
});

/**
 * For a whole test file: before each test a fresh temp folder (`root`) with an empty project
 * in `root/project`; after it the project is closed and the folder removed.
 */
export function projectPerTest(): { readonly root: string; readonly project: Project } {
  const current = {} as { root: string; project: Project };
  beforeEach(async () => {
    current.root = await tempDir();
    current.project = await Project.create(join(current.root, 'project'));
  });
  afterEach(() => current.project.close());
  return current;
}

/** A sample record as the importer would write it, for tests that need samples but no pixels. */
export function fakeSample(n: number, split: Split = 'train', importedLabel: string | null = null): Sample {
  const hash = createHash('sha256').update(`sample-${n}`).digest('hex');
  return {
    id: hash.slice(0, 16),
    path: `/images/img-${n}.png`,
    relativePath: `img-${n}.png`,
    hash,
    dhash: hash.slice(16, 32),
    width: 32,
    height: 32,
    format: 'png',
    bytes: 100,
    split,
    importedLabel,
    addedAt: new Date(0).toISOString(),
  };
}

/** A project with the given classes and `count` samples (no image files). */
export async function projectWithSamples(count: number, classes = ['cat', 'dog', 'bird']): Promise<{ project: Project; dir: string; samples: Sample[] }> {
  const dir = join(await tempDir(), 'project');
  const project = await Project.create(dir, { classes: classes.map((name) => ({ name })) });
  const samples = Array.from({ length: count }, (_, i) => fakeSample(i, (['train', 'val', 'test'] as const)[i % 3]));
  await project.samples.add(samples);
  return { project, dir, samples };
}
