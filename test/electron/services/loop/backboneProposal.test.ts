import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { BUILTIN_MOBILENET_ID } from '../../../../shared/ml/builtinNetworks';
import { lookAtImages } from '../../../../electron/services/ml/lookAtImages';
import { debianFashionMnistDir, fashionMnistFiles } from '../../../../electron/worker/datasets/fashionMnist';
import { readIdxFile } from '../../../../electron/worker/datasets/idx';
import { testStudio } from '../../../helpers/studio';
import { tempDir } from '../../../helpers/tempProject';
import { writeImage } from '../../../helpers/images';
import type { Sample } from '../../../../shared/domain/records';

/** The first `count` Fashion-MNIST training images as 28×28 grayscale PNGs. */
async function fashionMnistPngs(dir: string, count: number): Promise<void> {
  const images = await readIdxFile(join(debianFashionMnistDir, fashionMnistFiles.trainImages), 3);
  await mkdir(dir, { recursive: true });
  for (let i = 0; i < count; i++) {
    const pixels = Buffer.from(images.data.subarray(i * 784, (i + 1) * 784));
    await sharp(pixels, { raw: { width: 28, height: 28, channels: 1 } }).png().toFile(join(dir, `fmnist-${i}.png`));
  }
}

/** Imports `source` into the open project as the UI does and waits for the end. */
async function importFolder(studio: Awaited<ReturnType<typeof testStudio>>, source: string): Promise<void> {
  const finished = new Promise<void>((resolve) => {
    const stop = studio.events.subscribe((channel) => {
      if (channel === 'import:finished' || channel === 'import:failed') {
        stop();
        resolve();
      }
    });
  });
  await studio.call('import:start', { sources: [source], labelsFrom: 'none' });
  await finished;
}

/** The loop's backbone once the proposal made after an import has been applied. */
async function loopBackboneAfterImport(studio: Awaited<ReturnType<typeof testStudio>>, before: string): Promise<string> {
  for (let waited = 0; waited < 15_000; waited += 50) {
    const { backboneId } = await studio.call('loop:settings', {});
    if (backboneId !== before) return backboneId;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return before;
}

const fashionMnistPresent = existsSync(join(debianFashionMnistDir, fashionMnistFiles.trainImages));

describe('the backbone proposed at import', () => {
  it.skipIf(!fashionMnistPresent)('a Fashion-MNIST import defaults the loop to pixels 28×28 grayscale, and says why', async () => {
    const studio = await testStudio();
    await studio.call('project:create', { dir: join(studio.root, 'fmnist'), name: 'Fashion', classes: [{ name: 'a' }, { name: 'b' }] });
    await fashionMnistPngs(join(studio.root, 'images'), 40);
    await importFolder(studio, join(studio.root, 'images'));
    expect(await loopBackboneAfterImport(studio, 'pixels')).toBe('pixels-28x28-gray');
    const { proposal, followed } = await studio.call('backbones:proposal', {});
    expect(proposal?.backboneId).toBe('pixels-28x28-gray');
    expect(proposal?.reason).toMatch(/small and grayscale \(median 28×28 px over 40 sampled images\)/);
    expect(followed).toBe(true);
  });

  it('colour photos get the built-in pretrained backbone; a backbone the user picks is kept through later imports', async () => {
    const studio = await testStudio();
    await studio.call('project:create', { dir: join(studio.root, 'photos'), name: 'Photos', classes: [{ name: 'a' }, { name: 'b' }] });
    for (let i = 0; i < 6; i++) await writeImage(join(studio.root, 'first', `p${i}.jpg`), 'jpeg', { width: 320, height: 240, seed: i + 1 });
    await importFolder(studio, join(studio.root, 'first'));
    expect(await loopBackboneAfterImport(studio, 'pixels')).toBe(BUILTIN_MOBILENET_ID);
    expect(await studio.call('backbones:proposal', {})).toMatchObject({ proposal: { backboneId: BUILTIN_MOBILENET_ID }, followed: true });

    await studio.call('loop:update-settings', { backboneId: 'pixels-64x64-rgb' });
    for (let i = 0; i < 4; i++) await writeImage(join(studio.root, 'second', `q${i}.png`), 'png', { width: 200, height: 200, seed: 50 + i });
    await importFolder(studio, join(studio.root, 'second'));
    expect(await studio.call('backbones:proposal', {})).toMatchObject({ proposal: { backboneId: BUILTIN_MOBILENET_ID }, followed: false });
    expect((await studio.call('loop:settings', {})).backboneId).toBe('pixels-64x64-rgb');
  });

  it('counts RGB files whose channels agree as grayscale, and leaves out files it cannot read', async () => {
    const dir = await tempDir();
    const gray = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#777777' } }).png().toFile(join(dir, 'gray-rgb.png')).then(() => join(dir, 'gray-rgb.png'));
    const colour = await writeImage(join(dir, 'colour.png'), 'png', { width: 20, height: 20, seed: 3 });
    const sample = (path: string): Sample => ({ id: path, path, relativePath: path, hash: '0'.repeat(64), dhash: '0'.repeat(16), width: 20, height: 20, format: 'png', bytes: 1, split: 'train', importedLabel: null, addedAt: '' });
    const look = await lookAtImages([sample(gray), sample(colour), sample(join(dir, 'gone.png'))]);
    expect(look).toEqual({ sampled: 2, medianWidth: 20, medianHeight: 20, grayscale: 1 });
  });
});
