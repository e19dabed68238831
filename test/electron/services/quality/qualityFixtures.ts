import { join } from 'node:path';
import sharp from 'sharp';
import { Project } from '../../../../electron/services/project/Project';
import type { Sample } from '../../../../shared/domain/records';
import type { Split } from '../../../../shared/contract/schemas';
import { seededRandom, writeBytes } from '../../../helpers/images';
import { differenceHash } from '../../../../electron/services/ingest/dhash';
import { classImage, sampleFor as fakeHashedSample } from '../ml/mlFixtures';

/** A sample record with the image's real difference hash (the fixture's own is made up). */
async function sampleFor(path: string, split: Split, n: number): Promise<Sample> {
  const sample = await fakeHashedSample(path, split, n);
  const { data, info } = await sharp(path).raw().toBuffer({ resolveWithObject: true });
  return { ...sample, dhash: await differenceHash({ data, width: info.width, height: info.height, channels: info.channels as 3 }) };
}

export interface PlantedProject {
  dir: string;
  samples: Sample[];
  /** True class index per sample id. */
  truth: Map<string, number>;
  /** Samples labeled with a wrong class on purpose. */
  flipped: string[];
  /** A near-copy (4 % brighter) of `nearOriginal`, in another split. */
  nearCopy: string;
  nearOriginal: string;
  /** An image unlike any class. */
  oddOne: string;
}

const splitCycle: Split[] = ['train', 'train', 'train', 'val', 'test'];

/**
 * A real project folder of learnable images (one colour per class, noise per image) with
 * every image labeled, `flips` of them wrongly; plus a near-duplicate that lands in another
 * split than its original and one image that belongs to no class (unlabeled).
 */
export async function plantedProject(root: string, options: { classes?: string[]; perClass?: number; flips?: number; seed?: number } = {}): Promise<PlantedProject> {
  const classes = options.classes ?? ['red', 'blue', 'green', 'yellow'];
  const perClass = options.perClass ?? 25;
  const dir = join(root, 'project');
  const project = await Project.create(dir, { classes: classes.map((name) => ({ name })) });
  const samples: Sample[] = [];
  const truth = new Map<string, number>();
  let n = 0;
  for (let k = 0; k < perClass; k++) {
    for (let c = 0; c < classes.length; c++, n++) {
      const path = await classImage(join(root, 'images', `${classes[c]}-${k}.png`), c, 100 + n);
      samples.push(await sampleFor(path, splitCycle[n % splitCycle.length], n));
      truth.set(samples.at(-1)!.id, c);
    }
  }
  const nearOriginal = samples[0];
  const brighter = await sharp(nearOriginal.path).modulate({ brightness: 1.04 }).png().toBuffer();
  const nearPath = await writeBytes(join(root, 'images', 'copy-of-first.png'), brighter);
  samples.push(await sampleFor(nearPath, nearOriginal.split === 'test' ? 'train' : 'test', n++));
  truth.set(samples.at(-1)!.id, truth.get(nearOriginal.id)!);
  const oddPath = await writeBytes(join(root, 'images', 'odd.png'), await checkerboard());
  samples.push(await sampleFor(oddPath, 'train', n));
  await project.samples.add(samples);

  const random = seededRandom(options.seed ?? 5);
  const labeled = samples.slice(0, perClass * classes.length);
  const flipped = new Set<string>();
  while (flipped.size < (options.flips ?? 8)) flipped.add(labeled[Math.floor(random() * labeled.length)].id);
  for (const sample of labeled) {
    const c = truth.get(sample.id)!;
    const given = flipped.has(sample.id) ? (c + 1 + Math.floor(random() * (classes.length - 1))) % classes.length : c;
    await project.labels.setClass(sample.id, project.doc.classes[given].id, { annotator: 'importer', seconds: 0 });
  }
  await project.close();
  return { dir, samples, truth, flipped: [...flipped], nearCopy: samples.at(-2)!.id, nearOriginal: nearOriginal.id, oddOne: samples.at(-1)!.id };
}

async function checkerboard(size = 20): Promise<Buffer> {
  const data = Buffer.alloc(size * size * 3);
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) data.fill((x + y) % 2 ? 255 : 0, (y * size + x) * 3, (y * size + x) * 3 + 3);
  return sharp(data, { raw: { width: size, height: size, channels: 3 } }).png().toBuffer();
}
