import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import sharp from 'sharp';
import { runImport, thumbnailPath } from '../../../../electron/services/ingest';
import { cmykJpeg, exifRotatedJpeg, writeBytes, writeImage, type TestFormat } from '../../../helpers/images';
import { projectPerTest } from '../../../helpers/tempProject';

const t = projectPerTest();

describe('image formats and thumbnails', () => {
  it('imports JPEG, PNG, WebP, GIF, TIFF and AVIF, each with a WebP thumbnail of at most 256 px', async () => {
    const formats: TestFormat[] = ['jpeg', 'png', 'webp', 'gif', 'tiff', 'avif'];
    const dir = join(t.root, 'mixed');
    for (const [i, format] of formats.entries()) await writeImage(join(dir, `img.${format}`), format, { seed: 10 + i, width: 600, height: 300 });
    const report = await runImport(t.project, { sources: [dir], labelsFrom: 'none' });
    expect(report).toMatchObject({ imported: 6, rejected: [] });
    expect(t.project.samples.all.map((s) => s.format).sort()).toEqual([...formats].sort());
    for (const sample of t.project.samples.all) {
      expect(sample).toMatchObject({ width: 600, height: 300 });
      const thumb = await sharp(thumbnailPath(t.project.dir, sample.hash)).metadata();
      expect(thumb).toMatchObject({ format: 'webp', width: 256, height: 128 });
    }
  });

  it('stores the size a person sees: EXIF orientation 6 swaps width and height', async () => {
    const path = await writeBytes(join(t.root, 'sideways.jpg'), await exifRotatedJpeg({ width: 120, height: 80 }));
    await runImport(t.project, { sources: [path], labelsFrom: 'none' });
    const [sample] = t.project.samples.all;
    expect(sample).toMatchObject({ width: 80, height: 120 });
    expect(await sharp(thumbnailPath(t.project.dir, sample.hash)).metadata()).toMatchObject({ width: 80, height: 120 });
  });

  it('converts a CMYK JPEG to an sRGB thumbnail', async () => {
    const path = await writeBytes(join(t.root, 'print.jpg'), await cmykJpeg({ width: 64, height: 64 }));
    await runImport(t.project, { sources: [path], labelsFrom: 'none' });
    const thumb = await sharp(thumbnailPath(t.project.dir, t.project.samples.all[0].hash)).metadata();
    expect(thumb).toMatchObject({ space: 'srgb', channels: 3 });
  });

  it('never enlarges a small image for its thumbnail', async () => {
    const path = await writeImage(join(t.root, 'tiny.png'), 'png', { width: 20, height: 10 });
    await runImport(t.project, { sources: [path], labelsFrom: 'none' });
    expect(await sharp(thumbnailPath(t.project.dir, t.project.samples.all[0].hash)).metadata()).toMatchObject({ width: 20, height: 10 });
  });
});
