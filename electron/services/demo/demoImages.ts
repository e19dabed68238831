import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { seededRandom, shuffle } from './random';
import { randomScene, sceneSvg, shapeClasses, type ShapeClass, type ShapeScene } from './shapes';

/** One picture of the demo data set and the truth about it. */
export interface DemoImage {
  fileName: string;
  shape: ShapeClass;
  /** The label the demo CSV gives it (sometimes deliberately wrong), or null. */
  csvLabel: string | null;
  kind: 'original' | 'near-duplicate' | 'exact-copy';
}

export interface DemoPlan {
  images: DemoImage[];
  csvPath: string;
}

const sizes = { small: { perClass: 15, wrong: 2, near: 3, copies: 2 }, normal: { perClass: 120, wrong: 8, near: 8, copies: 3 } };

/**
 * Draws the demo data set into `imagesDir`: shapes in shuffled order under neutral names,
 * a few near-duplicates (the same picture 4% brighter) and exact copies, and
 * `labels.csv` labeling about a third of the originals, a few of them wrongly, as real
 * imported labels often are.
 */
export async function writeDemoImages(imagesDir: string, seed: number, size: keyof typeof sizes): Promise<DemoPlan> {
  const random = seededRandom(seed);
  const counts = sizes[size];
  await mkdir(imagesDir, { recursive: true });
  const scenes = shuffle(
    shapeClasses.flatMap((shape) => Array.from({ length: counts.perClass }, () => randomScene(shape, random))),
    random,
  );
  const name = (i: number): string => `shape-${String(i + 1).padStart(4, '0')}.png`;
  const images: DemoImage[] = scenes.map((scene, i) => ({ fileName: name(i), shape: scene.shape, csvLabel: null, kind: 'original' }));
  const renders = scenes.map((scene, i) => () => render(join(imagesDir, name(i)), scene, 1));

  for (let k = 0; k < counts.near; k++) {
    const source = Math.floor(((k + 0.5) * scenes.length) / counts.near);
    const brighter: ShapeScene = { ...scenes[source] };
    const fileName = name(images.length);
    images.push({ fileName, shape: brighter.shape, csvLabel: null, kind: 'near-duplicate' });
    renders.push(() => render(join(imagesDir, fileName), brighter, 1.04));
  }
  await runPool(renders, 3);
  for (let k = 0; k < counts.copies; k++) {
    const source = images[Math.floor(((k + 0.3) * scenes.length) / counts.copies)];
    const fileName = source.fileName.replace('.png', '_copy.png') // sorts after its original, so the original is the one kept;
    await writeFile(join(imagesDir, fileName), await readFile(join(imagesDir, source.fileName)));
    images.push({ fileName, shape: source.shape, csvLabel: null, kind: 'exact-copy' });
  }

  const labeled = images.filter((image, i) => image.kind === 'original' && i % 3 === 0);
  shuffle(labeled, random)
    .slice(0, counts.wrong)
    .forEach((image) => (image.csvLabel = shapeClasses[(shapeClasses.indexOf(image.shape) + 1) % shapeClasses.length]));
  for (const image of labeled) image.csvLabel ??= image.shape;
  const csvPath = join(imagesDir, 'labels.csv');
  await writeFile(csvPath, ['path,label', ...labeled.map((image) => `${image.fileName},${image.csvLabel}`)].join('\n') + '\n');
  return { images, csvPath };
}

async function render(path: string, scene: ShapeScene, brightness: number): Promise<void> {
  let image = sharp(Buffer.from(sceneSvg(scene)));
  if (brightness !== 1) image = image.modulate({ brightness });
  await image.png().toFile(path);
}

async function runPool(jobs: (() => Promise<void>)[], concurrency: number): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) await jobs[next++]();
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}
