import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import sharp from 'sharp';
import { Project } from '../../../../electron/services/project/Project';
import { runImport, thumbnailPath } from '../../../../electron/services/ingest';
import { cmykJpeg, exifRotatedJpeg, makeTempDir, removeDir, writeBytes, writeImage, type TestFormat } from '../../../helpers/images';

let root: string;
let project: Project;

beforeEach(async () => {
  root = await makeTempDir();
  project = await Project.create(join(root, 'project'));
});
afterEach(async () => {
  await project.close();
  await removeDir(root);
});

describe('image formats and thumbnails', () => {
  it('imports JPEG, PNG, WebP, GIF, TIFF and AVIF, each with a WebP thumbnail of at most 256 px', async () => {
    const formats: TestFormat[] = ['jpeg', 'png', 'webp', 'gif', 'tiff', 'avif'];
    const dir = join(root, 'mixed');
    for (const [i, format] of formats.entries()) await writeImage(join(dir, `img.${format}`), format, { seed: 10 + i, width: 600, height: 300 });
    const report = await runImport(project, { sources: [dir], labelsFrom: 'none' });
    expect(report).toMatchObject({ imported: 6, rejected: [] });
    expect(project.samples.all.map((s) => s.format).sort()).toEqual([...formats].sort());
    for (const sample of project.samples.all) {
      expect(sample).toMatchObject({ width: 600, height: 300 });
      const thumb = await sharp(thumbnailPath(project.dir, sample.hash)).metadata();
      expect(thumb).toMatchObject({ format: 'webp', width: 256, height: 128 });
    }
  });

  it('stores the size a person sees: EXIF orientation 6 swaps width and height', async () => {
    const path = await writeBytes(join(root, 'sideways.jpg'), await exifRotatedJpeg({ width: 120, height: 80 }));
    await runImport(project, { sources: [path], labelsFrom: 'none' });
    const [sample] = project.samples.all;
    expect(sample).toMatchObject({ width: 80, height: 120 });
    expect(await sharp(thumbnailPath(project.dir, sample.hash)).metadata()).toMatchObject({ width: 80, height: 120 });
  });

  it('converts a CMYK JPEG to an sRGB thumbnail', async () => {
    const path = await writeBytes(join(root, 'print.jpg'), await cmykJpeg({ width: 64, height: 64 }));
    await runImport(project, { sources: [path], labelsFrom: 'none' });
    const thumb = await sharp(thumbnailPath(project.dir, project.samples.all[0].hash)).metadata();
    expect(thumb).toMatchObject({ space: 'srgb', channels: 3 });
  });

  it('never enlarges a small image for its thumbnail', async () => {
    const path = await writeImage(join(root, 'tiny.png'), 'png', { width: 20, height: 10 });
    await runImport(project, { sources: [path], labelsFrom: 'none' });
    expect(await sharp(thumbnailPath(project.dir, project.samples.all[0].hash)).metadata()).toMatchObject({ width: 20, height: 10 });
  });
});
