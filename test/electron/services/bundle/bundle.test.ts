import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tar from 'tar';
import { bundleProject } from '../../../../electron/services/bundle/bundleProject';
import { unbundleProject } from '../../../../electron/services/bundle/unbundleProject';
import { labelRecordsOf } from '../../../../electron/services/dataset/labelRecords';
import { runImport } from '../../../../electron/services/ingest';
import { sha256OfFile } from '../../../../electron/services/ml/models/download';
import { RunStore } from '../../../../electron/services/ml/RunStore';
import { Project } from '../../../../electron/services/project/Project';
import { classFolderTree } from '../../../helpers/images';
import { tempDir } from '../../../helpers/tempProject';
import { runRecordSchema } from '../../../../shared/ml/runs';

/** A project with real images, labels (one flagged) and a run, closed, and where its images are. */
async function projectToMove() {
  const root = await tempDir();
  const photos = join(root, 'photos');
  await classFolderTree(photos, { cat: 8, dog: 6 }, { size: 72 });
  const dir = join(root, 'project');
  const project = await Project.create(dir);
  await runImport(project, { sources: [photos], labelsFrom: 'folders' });
  const [first] = project.samples.all;
  await project.labels.flag(first.id, true, 'check this one', { annotator: 'lead', seconds: 2 });
  await (await RunStore.for(project)).add(aRun('run-1'));
  const labels = labelRecordsOf(project);
  await project.close();
  return { root, photos, dir, labels };
}

/** A finished run record, as RunStore keeps it (no training needed to see it travel). */
function aRun(id: string) {
  return runRecordSchema.parse({
    id,
    createdAt: '2026-11-03T14:05:00.000Z',
    finishedAt: '2026-11-03T14:05:04.000Z',
    status: 'succeeded',
    backbone: { id: 'pixels', name: 'Pixels', engine: 'pixels', embeddingSize: 3072 },
    head: { kind: 'linear', hiddenUnits: 0, dropout: 0.1, epochs: 30, batchSize: 256, learningRate: 0.01, l2: 1, classWeights: false, patience: 5, seed: 1, standardize: true },
    classIds: ['cat', 'dog'],
    labels: { train: 11, val: 1, perClass: {}, sha256: 'ab'.repeat(32) },
    backend: { name: 'wasm', native: false, skipped: [] },
    executionProviders: null,
    fineTune: { requested: false, available: false, reason: 'wasm' },
    warmStartFrom: null,
    durationMs: 4000,
    history: [],
    bestEpoch: 1,
    stoppedEarly: false,
    metrics: { train: { count: 11, accuracy: 0.9, loss: 0.3, macroF1: 0.88 }, val: { count: 1, accuracy: 1, loss: 0.2, macroF1: 1 } },
    scored: 14,
    unscored: 0,
    error: null,
  });
}

const withoutPaths = (records: ReturnType<typeof labelRecordsOf>) => records.map(({ path: _path, ...rest }) => rest);

async function runsOf(dir: string) {
  const project = await Project.open(dir, { readOnly: true });
  try {
    return { runs: (await RunStore.for(project)).list().map((r) => r.id), labels: labelRecordsOf(project), paths: project.samples.all.map((s) => s.path) };
  } finally {
    await project.close();
  }
}

describe('bundle and unbundle a project', () => {
  it('on another machine, images moved elsewhere are found by content; labels and runs come through intact', async () => {
    const { root, photos, dir, labels } = await projectToMove();
    const file = join(root, 'project.tar.gz');
    const project = await Project.open(dir);
    const made = await bundleProject(project, file);
    await project.close();
    expect(made).toMatchObject({ samples: 14, images: 0, missingImages: [] });

    const moved = join(await tempDir(), 'elsewhere', 'my photos');
    await mkdir(join(moved, '..'), { recursive: true });
    await rename(photos, moved);
    const target = join(await tempDir(), 'copy');
    const result = await unbundleProject(file, target, { imagesFrom: moved });
    expect(result.images).toEqual({ bundled: 0, inPlace: 0, found: 14, missing: [] });
    const copy = await runsOf(target);
    expect(copy.runs).toEqual(['run-1']);
    expect(withoutPaths(copy.labels)).toEqual(withoutPaths(labels));
    for (const path of copy.paths) expect(path.startsWith(moved)).toBe(true);
  });

  it('with --with-images the images travel inside the bundle; without a folder to look in, missing images are listed', async () => {
    const { root, photos, dir, labels } = await projectToMove();
    const project = await Project.open(dir);
    await bundleProject(project, join(root, 'full.tar.gz'), { withImages: true });
    await bundleProject(project, join(root, 'light.tar.gz'));
    await project.close();
    await rm(photos, { recursive: true });

    const full = await unbundleProject(join(root, 'full.tar.gz'), join(await tempDir(), 'full'));
    expect(full.images).toMatchObject({ bundled: 14, missing: [] });
    const copy = await runsOf(full.dir);
    for (const [i, path] of copy.paths.entries()) expect(await sha256OfFile(path)).toBe(labels[i].sha256);

    const light = await unbundleProject(join(root, 'light.tar.gz'), join(await tempDir(), 'light'));
    expect(light.images.missing).toHaveLength(14);
    expect(withoutPaths((await runsOf(light.dir)).labels)).toEqual(withoutPaths(labels));
  });
});

describe('hostile bundles are refused before anything is written', () => {
  async function hostileBundle(kind: 'dotdot' | 'absolute' | 'symlink'): Promise<string> {
    const root = await tempDir();
    const src = join(root, 'src', 'inner');
    await mkdir(src, { recursive: true });
    await writeFile(join(src, 'bundle.json'), '{}');
    const file = join(root, `${kind}.tar.gz`);
    if (kind === 'dotdot') {
      await writeFile(join(root, 'src', 'evil.txt'), 'x');
      await tar.c({ gzip: true, file, cwd: src, preservePaths: true }, ['bundle.json', '../evil.txt']);
    } else if (kind === 'absolute') {
      await writeFile(join(root, 'abs.txt'), 'x');
      await tar.c({ gzip: true, file, cwd: src, preservePaths: true }, ['bundle.json', join(root, 'abs.txt')]);
    } else {
      await symlink('/etc/passwd', join(src, 'link'));
      await tar.c({ gzip: true, file, cwd: src }, ['bundle.json', 'link']);
    }
    return file;
  }

  it.each([
    ['dotdot', /climbs out with "\.\."/],
    ['absolute', /is an absolute path/],
    ['symlink', /is a SymbolicLink entry/],
  ] as const)('%s', async (kind, reason) => {
    const file = await hostileBundle(kind);
    const target = join(await tempDir(), 'target');
    await expect(unbundleProject(file, target)).rejects.toMatchObject({ code: 'invalid-request', message: expect.stringMatching(reason) });
    expect(existsSync(target)).toBe(false);
    expect((await readdir(join(target, '..'))).filter((n) => n.startsWith('.unbundle-'))).toEqual([]);
  });

  it('a file that is not a bundle, or one cut short, says so', async () => {
    const root = await tempDir();
    await writeFile(join(root, 'not.tar.gz'), 'hello');
    await expect(unbundleProject(join(root, 'not.tar.gz'), join(root, 't1'))).rejects.toMatchObject({ code: 'invalid-request' });
  });
});
