import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { debianFashionMnistDir, fashionMnistFiles } from '../../electron/worker/datasets/fashionMnist';
import { readIdxFile } from '../../electron/worker/datasets/idx';

/** Folder-safe names of Fashion-MNIST's ten classes, in label order. */
export const fashionMnistFolderNames = ['tshirt', 'trouser', 'pullover', 'dress', 'coat', 'sandal', 'shirt', 'sneaker', 'bag', 'ankle-boot'];

export const hasFashionMnist = existsSync(join(debianFashionMnistDir, fashionMnistFiles.trainImages));

/** The first `count` Fashion-MNIST training images as 28×28 grey pixel rows, with their labels. */
export async function fashionMnistImages(count: number): Promise<{ pixels: Uint8Array[]; labels: number[] }> {
  const images = await readIdxFile(join(debianFashionMnistDir, fashionMnistFiles.trainImages), 3);
  const labels = await readIdxFile(join(debianFashionMnistDir, fashionMnistFiles.trainLabels), 1);
  const side = images.shape[1] * images.shape[2];
  const n = Math.min(count, images.shape[0]);
  return {
    pixels: Array.from({ length: n }, (_, i) => images.data.subarray(i * side, (i + 1) * side)),
    labels: Array.from(labels.data.subarray(0, n)),
  };
}

/**
 * Writes the first `count` Fashion-MNIST training images as PNG class folders
 * (`root/<class>/<index>.png`), as a user exporting the dataset would, and returns the
 * class folder of every image in order.
 */
export async function writeFashionMnistFolders(root: string, count: number): Promise<string[]> {
  const { pixels, labels } = await fashionMnistImages(count);
  for (const name of fashionMnistFolderNames) await mkdir(join(root, name), { recursive: true });
  const classes = labels.map((l) => fashionMnistFolderNames[l]);
  for (let start = 0; start < pixels.length; start += 64) {
    await Promise.all(
      pixels.slice(start, start + 64).map(async (data, k) => {
        const i = start + k;
        const png = await sharp(Buffer.from(data), { raw: { width: 28, height: 28, channels: 1 } }).png().toBuffer();
        await writeFile(join(root, classes[i], `${String(i).padStart(5, '0')}.png`), png);
      }),
    );
  }
  return classes;
}
