import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { StudioError } from '../../../shared/contract/channel';
import { readIdxFile } from './idx';
import type { LabeledImages, SimulationDataset } from './types';

/** Where Debian's `dataset-fashion-mnist` package installs the four IDX files. */
export const debianFashionMnistDir = '/usr/share/datasets/fashion-mnist';

export const fashionMnistClasses = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];

export const fashionMnistFiles = {
  trainImages: 'train-images-idx3-ubyte.gz',
  trainLabels: 'train-labels-idx1-ubyte.gz',
  testImages: 't10k-images-idx3-ubyte.gz',
  testLabels: 't10k-labels-idx1-ubyte.gz',
} as const;

/** A file by its gzipped name, or the same name unzipped (as some mirrors ship it). */
function locate(dir: string, file: string): string {
  const gz = join(dir, file);
  if (existsSync(gz)) return gz;
  const plain = gz.replace(/\.gz$/, '');
  if (existsSync(plain)) return plain;
  throw new StudioError(
    'not-found',
    `Fashion-MNIST file ${file} is not in ${dir}.`,
    `Install the Debian package dataset-fashion-mnist (files in ${debianFashionMnistDir}), or run "studio datasets fetch fashion-mnist --dir ${dir}" when online.`,
  );
}

async function readPart(dir: string, images: string, labels: string): Promise<LabeledImages> {
  const imageArray = await readIdxFile(locate(dir, images), 3);
  const labelArray = await readIdxFile(locate(dir, labels), 1);
  const [count, height, width] = imageArray.shape;
  if (labelArray.shape[0] !== count) {
    throw new StudioError('io', `${images} holds ${count} images but ${labels} holds ${labelArray.shape[0]} labels.`, 'The files come from different downloads; fetch all four again.');
  }
  const pixels = new Float32Array(imageArray.data.length);
  for (let i = 0; i < pixels.length; i++) pixels[i] = imageArray.data[i] / 255;
  const classes = new Int32Array(labelArray.data);
  const bad = classes.findIndex((c) => c >= fashionMnistClasses.length);
  if (bad >= 0) throw new StudioError('io', `${labels} has label ${classes[bad]} at position ${bad}; Fashion-MNIST has 10 classes.`, 'Fetch the files again.');
  return { pixels, labels: classes, count, height, width, channels: 1 };
}

/** Fashion-MNIST's 60,000 training and official 10,000 test images, pixels / 255. */
export async function loadFashionMnist(dir = debianFashionMnistDir): Promise<SimulationDataset> {
  const train = await readPart(dir, fashionMnistFiles.trainImages, fashionMnistFiles.trainLabels);
  const test = await readPart(dir, fashionMnistFiles.testImages, fashionMnistFiles.testLabels);
  return { name: 'fashion-mnist', classNames: [...fashionMnistClasses], train, test };
}
