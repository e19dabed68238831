import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { loadDataset, loadImageFolder } from '../../../../electron/worker/datasets/index';
import { fetchFashionMnist } from '../../../../electron/worker/datasets/fetch';

async function classFolders(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'imgfolder-'));
  for (const [name, value] of [['dark', 20], ['light', 230]] as const) {
    await mkdir(join(dir, name));
    for (let i = 0; i < 5; i++) {
      const image = sharp({ create: { width: 12, height: 10, channels: 3, background: { r: value, g: value, b: value } } });
      await (i % 2 ? image.jpeg() : image.png()).toFile(join(dir, name, `${i}.${i % 2 ? 'jpg' : 'png'}`));
    }
  }
  await writeFile(join(dir, 'light', 'broken.png'), 'not a png');
  return dir;
}

describe('ImageFolder datasets', () => {
  it('reads DIR/<class>/*.png|jpg at a fixed size, holds out 20% per class, and skips unreadable files', async () => {
    const dir = await classFolders();
    const dataset = await loadImageFolder(dir, { size: 8 });
    expect(dataset.classNames).toEqual(['dark', 'light']);
    expect(dataset.train.count + dataset.test.count).toBe(10);
    expect(Array.from(dataset.test.labels).sort()).toEqual([0, 1]);
    expect(dataset.train.pixels.length).toBe(dataset.train.count * 64);
    const light = dataset.train.labels.indexOf(1);
    expect(dataset.train.pixels[light * 64]).toBeCloseTo(230 / 255, 1);
    expect(dataset.skipped).toEqual([join(dir, 'light', 'broken.png')]);
    const rgb = await loadImageFolder(dir, { size: 4, color: 'rgb' });
    expect(rgb.train.channels).toBe(3);
    expect(rgb.train.pixels.length).toBe(rgb.train.count * 48);
  });

  it('a folder without class folders is refused with the expected layout', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'flat-'));
    await expect(loadDataset(dir)).rejects.toThrow(/has 0 class folder\(s\)/);
    await expect(loadDataset(join(dir, 'missing'))).rejects.toThrow(/Cannot read the dataset folder/);
  });

  it('fetching while offline fails clearly and points to the Debian package', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fetch-'));
    const offline = async () => {
      throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ENOTFOUND' } });
    };
    const error = await fetchFashionMnist(dir, { fetcher: offline }).catch((e) => e);
    expect(error.message).toMatch(/host name could not be resolved/);
    expect(error.hint).toMatch(/apt-get install dataset-fashion-mnist/);
  });
});
