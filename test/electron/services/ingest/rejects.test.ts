import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { symlink } from 'node:fs/promises';
import { runImport } from '../../../../electron/services/ingest';
import type { ImportReport } from '../../../../shared/contract/imports';
import {
  corruptJpeg,
  heicLikeBytes,
  randomBytesFile,
  svgBytes,
  textFile,
  truncatedJpeg,
  truncatedPng,
  writeBytes,
  writeImage,
} from '../../../helpers/images';
import { projectPerTest } from '../../../helpers/tempProject';

const t = projectPerTest();

const reasonOf = (report: ImportReport, name: string) => report.rejected.find((r) => r.path.endsWith(name));

describe('files that are not imported', () => {
  it('rejects each bad file with its reason and a detail, and still imports the good ones', async () => {
    const dir = join(t.root, 'photos');
    await writeImage(join(dir, 'good-1.jpg'), 'jpeg', { seed: 1 });
    await writeBytes(join(dir, 'cut-off.jpg'), await truncatedJpeg());
    await writeBytes(join(dir, 'cut-off.png'), await truncatedPng());
    await writeBytes(join(dir, 'noise.jpg'), randomBytesFile());
    await writeBytes(join(dir, 'notes.png'), textFile());
    await writeBytes(join(dir, 'empty.png'), Buffer.alloc(0));
    await writeBytes(join(dir, 'broken.jpg'), corruptJpeg());
    await writeBytes(join(dir, 'drawing.png'), svgBytes());
    await writeBytes(join(dir, 'phone.heic'), heicLikeBytes());
    await writeImage(join(dir, 'good-2.png'), 'png', { seed: 2 });

    const report = await runImport(t.project, { sources: [dir], labelsFrom: 'none' });

    expect(report.imported).toBe(2);
    expect(reasonOf(report, 'cut-off.jpg')?.reason).toBe('truncated');
    expect(reasonOf(report, 'cut-off.png')?.reason).toBe('truncated');
    expect(reasonOf(report, 'noise.jpg')?.reason).toBe('not-an-image');
    expect(reasonOf(report, 'notes.png')?.reason).toBe('not-an-image');
    expect(reasonOf(report, 'empty.png')?.reason).toBe('not-an-image');
    expect(reasonOf(report, 'broken.jpg')?.reason).toBe('corrupt');
    expect(reasonOf(report, 'drawing.png')?.reason).toBe('unsupported-format');
    expect(reasonOf(report, 'phone.heic')?.reason).toBe('unsupported-format');
    expect(report.rejected).toHaveLength(8);
    for (const r of report.rejected) expect(r.detail.length).toBeGreaterThan(5);
    expect(t.project.samples.all.map((s) => s.relativePath).sort()).toEqual(['good-1.jpg', 'good-2.png']);
  });

  it('judges a file by its content, not its extension', async () => {
    const dir = join(t.root, 'misnamed');
    await writeImage(join(dir, 'actually-a-png.jpg'), 'png', { seed: 5 });
    await writeImage(join(dir, 'no-extension'), 'webp', { seed: 6 });
    const report = await runImport(t.project, { sources: [dir], labelsFrom: 'none' });
    expect(report.imported).toBe(2);
    expect(t.project.samples.all.map((s) => s.format).sort()).toEqual(['png', 'webp']);
  });

  it('rejects an image with more pixels than the limit before decoding it', async () => {
    const dir = join(t.root, 'big');
    await writeImage(join(dir, 'wide.png'), 'png', { width: 200, height: 100, seed: 1 });
    await writeImage(join(dir, 'small.png'), 'png', { width: 50, height: 50, seed: 2 });
    const report = await runImport(t.project, { sources: [dir], labelsFrom: 'none' }, { limits: { maxPixels: 10_000 } });
    expect(report.imported).toBe(1);
    expect(reasonOf(report, 'wide.png')).toMatchObject({ reason: 'too-many-pixels' });
    expect(reasonOf(report, 'wide.png')?.detail).toContain('200×100');
  });

  it('rejects a file bigger than the size limit', async () => {
    const dir = join(t.root, 'heavy');
    const path = await writeImage(join(dir, 'heavy.png'), 'png', { width: 300, height: 300, seed: 3 });
    const report = await runImport(t.project, { sources: [path], labelsFrom: 'none' }, { limits: { maxBytes: 1000 } });
    expect(report.imported).toBe(0);
    expect(report.rejected).toEqual([expect.objectContaining({ path, reason: 'too-large' })]);
  });

  it('rejects a broken link as unreadable and goes on', async () => {
    const dir = join(t.root, 'links');
    await writeImage(join(dir, 'real.png'), 'png', { seed: 8 });
    await symlink(join(dir, 'gone.png'), join(dir, 'dangling.png'));
    const report = await runImport(t.project, { sources: [dir], labelsFrom: 'none' });
    expect(report.imported).toBe(1);
    expect(reasonOf(report, 'dangling.png')?.reason).toBe('unreadable');
  });

  it.skipIf(process.getuid?.() === 0)('rejects a file without read permission as unreadable', async () => {
    const { chmod } = await import('node:fs/promises');
    const dir = join(t.root, 'locked');
    const path = await writeImage(join(dir, 'secret.png'), 'png', { seed: 9 });
    await chmod(path, 0o000);
    const report = await runImport(t.project, { sources: [dir], labelsFrom: 'none' });
    expect(reasonOf(report, 'secret.png')?.reason).toBe('unreadable');
  });

  it('refuses an import whose only source does not exist', async () => {
    await expect(runImport(t.project, { sources: [join(t.root, 'nowhere')], labelsFrom: 'none' })).rejects.toMatchObject({ code: 'not-found' });
  });
});
