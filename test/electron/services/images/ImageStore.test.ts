import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { Project } from '../../../../electron/services/project/Project';
import { runImport, thumbnailPath } from '../../../../electron/services/ingest';
import { ImageStore } from '../../../../electron/services/images';
import { exifRotatedJpeg, makeTempDir, removeDir, writeBytes, writeImage } from '../../../helpers/images';

let root: string;
let project: Project;
let store: ImageStore;

beforeEach(async () => {
  root = await makeTempDir();
  project = await Project.create(join(root, 'project'));
  store = new ImageStore(project);
});
afterEach(async () => {
  await project.close();
  await removeDir(root);
});

async function importOne(path: string) {
  await runImport(project, { sources: [path], labelsFrom: 'none' });
  return project.samples.all.find((s) => s.path === path)!;
}

describe('serving images by sample id', () => {
  it('serves the import thumbnail, and remakes it when the thumbnails folder was deleted', async () => {
    const sample = await importOne(await writeImage(join(root, 'a.png'), 'png', { width: 400, height: 200 }));
    const first = await store.get(sample.id, 'thumb');
    expect(first.mime).toBe('image/webp');
    expect(await sharp(first.data).metadata()).toMatchObject({ format: 'webp', width: 256, height: 128 });
    await rm(join(project.dir, 'thumbs'), { recursive: true });
    const again = await store.get(sample.id, 'thumb');
    expect(await sharp(again.data).metadata()).toMatchObject({ width: 256, height: 128 });
    expect(await readFile(thumbnailPath(project.dir, sample.hash))).toEqual(again.data);
  });

  it('makes an upright preview of at most 1600 px once, and shares one job between concurrent requests', async () => {
    const sample = await importOne(await writeBytes(join(root, 'side.jpg'), await exifRotatedJpeg({ width: 2000, height: 1000 })));
    const [a, b] = await Promise.all([store.get(sample.id, 'preview'), store.get(sample.id, 'preview')]);
    expect(a.data).toBe(b.data);
    expect(await sharp(a.data).metadata()).toMatchObject({ format: 'webp', width: 800, height: 1600 });
    const cacheDir = join(project.dir, 'cache', 'preview', sample.hash.slice(0, 2));
    expect(await readdir(cacheDir)).toEqual([`${sample.hash}.webp`]);
    await rm(sample.path); // served from the cache now, without the file
    expect((await store.get(sample.id, 'preview')).data).toEqual(a.data);
  });

  it('a small upright JPEG or PNG is its own preview (no re-encoding, nothing cached); rotated or CMYK ones are re-encoded', async () => {
    const jpegPath = await writeImage(join(root, 'small.jpg'), 'jpeg', { seed: 4, width: 640, height: 480 });
    const pngPath = await writeImage(join(root, 'small.png'), 'png', { seed: 5, width: 300, height: 200 });
    const rotated = await importOne(await writeBytes(join(root, 'rotated.jpg'), await exifRotatedJpeg({ width: 400, height: 200 })));
    const cmykPath = join(root, 'cmyk.jpg');
    await sharp(await readFile(jpegPath)).resize(320, 240).toColourspace('cmyk').jpeg().toFile(cmykPath);
    const [jpeg, png, cmyk] = [await importOne(jpegPath), await importOne(pngPath), await importOne(cmykPath)];

    expect(await store.get(jpeg.id, 'preview')).toEqual({ data: await readFile(jpegPath), mime: 'image/jpeg' });
    expect(await store.get(png.id, 'preview')).toEqual({ data: await readFile(pngPath), mime: 'image/png' });
    const upright = await store.get(rotated.id, 'preview');
    expect(upright.mime).toBe('image/webp');
    expect(await sharp(upright.data).metadata()).toMatchObject({ format: 'webp', width: 200, height: 400 });
    const converted = await store.get(cmyk.id, 'preview');
    expect(converted.mime).toBe('image/webp');
    expect(await sharp(converted.data).metadata()).toMatchObject({ space: 'srgb', width: 320, height: 240 });
    const cached = (await readdir(join(project.dir, 'cache', 'preview'), { recursive: true })).filter((f) => String(f).endsWith('.webp'));
    expect(cached.sort()).toEqual([`${rotated.hash.slice(0, 2)}/${rotated.hash}.webp`, `${cmyk.hash.slice(0, 2)}/${cmyk.hash}.webp`].sort());
  });

  it('serves browser formats as the file bytes and other formats as PNG', async () => {
    const jpegPath = await writeImage(join(root, 'photo.jpg'), 'jpeg', { seed: 1 });
    const tiffPath = await writeImage(join(root, 'scan.tif'), 'tiff', { seed: 2 });
    const jpeg = await importOne(jpegPath);
    const tiff = await importOne(tiffPath);
    expect(await store.get(jpeg.id, 'original')).toEqual({ data: await readFile(jpegPath), mime: 'image/jpeg' });
    const png = await store.get(tiff.id, 'original');
    expect(png.mime).toBe('image/png');
    expect(await sharp(png.data).metadata()).toMatchObject({ format: 'png', width: 64, height: 48 });
  });

  it('says which file is missing when an image was moved away', async () => {
    const path = await writeImage(join(root, 'gone.png'), 'png', { seed: 3 });
    const sample = await importOne(path);
    await rm(path);
    for (const variant of ['preview', 'original'] as const) {
      await expect(store.get(sample.id, variant)).rejects.toMatchObject({ code: 'not-found', message: `The image file is missing: ${path}`, hint: expect.any(String) });
    }
  });

  it('answers not-found for an unknown or malformed id, and never reads a path', async () => {
    await expect(store.get('0123456789abcdef', 'thumb')).rejects.toMatchObject({ code: 'not-found' });
    await expect(store.get('../../etc/passwd', 'original')).rejects.toMatchObject({ code: 'not-found' });
    await expect(store.get('0123456789abcdef', 'huge' as 'thumb')).rejects.toMatchObject({ code: 'invalid-request' });
  });

  it('prefetches previews into the cache in the background', async () => {
    const dir = join(root, 'set');
    for (let i = 0; i < 3; i++) await writeImage(join(dir, `${i}.png`), 'png', { seed: 10 + i, width: 1700, height: 60 });
    await runImport(project, { sources: [dir], labelsFrom: 'none' });
    const ids = project.samples.all.map((s) => s.id);
    await store.prefetchPreviews([...ids, 'ffffffffffffffff']);
    const cached = (await readdir(join(project.dir, 'cache', 'preview'), { recursive: true })).filter((f) => f.endsWith('.webp'));
    expect(cached).toHaveLength(3);
  });
});

describe('closing', () => {
  it('stops warming previews and writes nothing more once closed', async () => {
    const dir = await makeTempDir();
    try {
      const project = await Project.create(join(dir, 'p'));
      const images = join(dir, 'images');
      for (let i = 0; i < 12; i++) await writeImage(join(images, `i${i}.png`), 'png', { seed: i, width: 1700, height: 60 });
      await runImport(project, { sources: [images], labelsFrom: 'none' });
      const store = new ImageStore(project);
      const previews = async () =>
        (await readdir(join(dir, 'p', 'cache', 'preview'), { recursive: true }).catch(() => [] as string[])).filter((f) => String(f).endsWith('.webp')).length;
      void store.prefetchPreviews(project.samples.all.map((s) => s.id));
      while ((await previews()) === 0) await new Promise((r) => setTimeout(r, 5)); // warming has begun
      await store.close();
      const afterClose = await previews();
      await new Promise((r) => setTimeout(r, 300));
      expect(await previews()).toBe(afterClose);
      expect(afterClose).toBeLessThan(12);
      await project.close();
    } finally {
      await removeDir(dir);
    }
  });
});
