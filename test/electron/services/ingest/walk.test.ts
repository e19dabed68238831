import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Project } from '../../../../electron/services/project/Project';
import { runImport } from '../../../../electron/services/ingest';
import { walkSources } from '../../../../electron/services/ingest/walk';
import { makeTempDir, removeDir, textFile, writeBytes, writeImage } from '../../../helpers/images';

let root: string;

beforeEach(async () => {
  root = await makeTempDir();
});
afterEach(async () => {
  await removeDir(root);
});

describe('finding the files to import', () => {
  it('walks folders recursively in name order and skips dotfiles and Thumbs.db silently', async () => {
    const dir = join(root, 'photos');
    await writeImage(join(dir, 'b.png'));
    await writeImage(join(dir, 'a', 'deep', 'c.png'));
    await writeBytes(join(dir, '.DS_Store'), textFile());
    await writeBytes(join(dir, 'Thumbs.db'), textFile());
    await writeImage(join(dir, '.hidden', 'x.png'));
    const { files, rejected } = await walkSources([dir]);
    expect(files.map((f) => f.relativePath)).toEqual(['a/deep/c.png', 'b.png']);
    expect(files.map((f) => f.topFolder)).toEqual(['a', null]);
    expect(rejected).toEqual([]);
  });

  it('follows a link that stays inside the folder once, and survives a link loop', async () => {
    const dir = join(root, 'photos');
    await writeImage(join(dir, 'real', 'r.png'));
    await symlink(join(dir, 'real'), join(dir, 'alias'));
    await symlink(dir, join(dir, 'real', 'loop'));
    await mkdir(join(dir, 'other'));
    await symlink(join(dir, 'other', 'missing.png'), join(dir, 'other', 'x.png'));
    const { files, rejected } = await walkSources([dir]);
    expect(files.map((f) => f.relativePath)).toEqual(['alias/r.png']);
    expect(rejected).toEqual([expect.objectContaining({ reason: 'unreadable', path: join(dir, 'other', 'x.png') })]);
  });

  it('rejects a link pointing outside the chosen folder as outside-folder', async () => {
    const dir = join(root, 'photos');
    const secret = await writeImage(join(root, 'private', 'secret.png'), 'png', { seed: 5 });
    await writeImage(join(dir, 'ok.png'), 'png', { seed: 6 });
    await symlink(secret, join(dir, 'sneaky.png'));
    await symlink(join(root, 'private'), join(dir, 'sneaky-folder'));
    const project = await Project.create(join(root, 'project'));
    try {
      const report = await runImport(project, { sources: [dir], labelsFrom: 'none' });
      expect(report.imported).toBe(1);
      expect(report.rejected.map((r) => [r.path, r.reason])).toEqual([
        [join(dir, 'sneaky-folder'), 'outside-folder'],
        [join(dir, 'sneaky.png'), 'outside-folder'],
      ]);
      expect(project.samples.all.some((s) => s.path.includes('private'))).toBe(false);
    } finally {
      await project.close();
    }
  });

  it('takes single files as sources, and a file named twice only once', async () => {
    const a = await writeImage(join(root, 'x', 'a.png'));
    const { files } = await walkSources([a, join(root, 'x'), a]);
    expect(files).toEqual([{ path: a, realPath: a, relativePath: 'a.png', topFolder: null }]);
  });
});
