import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Split } from '../shared/contract/schemas';
import type { Sample } from '../shared/domain/records';
import { debianFashionMnistDir, fashionMnistFiles } from '../electron/worker/datasets/fashionMnist';
import { readIdxFile } from '../electron/worker/datasets/idx';
import { seededRandom, shuffledIndices } from '../electron/worker/acquisition/seededRandom';
import type { LabeledSample } from '../electron/worker/training/fineTuneBuiltin';

export interface FashionSplits {
  /** The labeled pool, in a seeded random order: the first L are "L labels". */
  train: LabeledSample[];
  /** For early stopping and for choosing settings; never the test images. */
  val: LabeledSample[];
  /** A seeded subset of the official 10,000 test images, used only to report. */
  test: LabeledSample[];
}

/**
 * Fashion-MNIST as PNG files of a bench project (28×28 grayscale, as the studio would import
 * them): `train` and `val` drawn without overlap from the 60,000 training images, `test`
 * from the official test set, each in a seeded order.
 */
export async function fashionMnistSamples(dir: string, counts: { train: number; val: number; test: number }, seed = 1): Promise<FashionSplits> {
  await mkdir(dir, { recursive: true });
  const read = async (images: string, labels: string) => ({
    images: await readIdxFile(join(debianFashionMnistDir, images), 3),
    labels: await readIdxFile(join(debianFashionMnistDir, labels), 1),
  });
  const trainSet = await read(fashionMnistFiles.trainImages, fashionMnistFiles.trainLabels);
  const testSet = await read(fashionMnistFiles.testImages, fashionMnistFiles.testLabels);
  const random = seededRandom(seed);
  const trainOrder = shuffledIndices(trainSet.labels.shape[0], random);
  const testOrder = shuffledIndices(testSet.labels.shape[0], random);
  const write = async (set: typeof trainSet, index: number, split: Split, name: string): Promise<LabeledSample> => {
    const bytes = await sharp(Buffer.from(set.images.data.subarray(index * 784, (index + 1) * 784)), { raw: { width: 28, height: 28, channels: 1 } }).png().toBuffer();
    const path = join(dir, `${name}.png`);
    await writeFile(path, bytes);
    const sample: Sample = {
      id: name,
      path,
      relativePath: `${name}.png`,
      hash: createHash('sha256').update(bytes).digest('hex'),
      dhash: '0'.repeat(16),
      width: 28,
      height: 28,
      format: 'png',
      bytes: bytes.length,
      split,
      importedLabel: null,
      addedAt: new Date(0).toISOString(),
    };
    return { sample, classIndex: set.labels.data[index] };
  };
  const take = (set: typeof trainSet, order: Int32Array, from: number, count: number, split: Split, prefix: string) =>
    Promise.all(Array.from(order.subarray(from, from + count), (index) => write(set, index, split, `${prefix}-${index}`)));
  return {
    train: await take(trainSet, trainOrder, 0, counts.train, 'train', 'train'),
    // Val comes from the end of the order, so every label count is judged on the same images.
    val: await take(trainSet, trainOrder, trainOrder.length - counts.val, counts.val, 'val', 'train'),
    test: await take(testSet, testOrder, 0, counts.test, 'test', 'test'),
  };
}
