import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { Project } from '../../../../electron/services/project/Project';
import type { Sample } from '../../../../shared/domain/records';
import type { Split } from '../../../../shared/contract/schemas';
import { seededRandom, writeBytes } from '../../../helpers/images';
import { tempDir } from '../../../helpers/tempProject';

// Projects with real, learnable images for the ML tests: each class has its own base
// colour, every image adds its own noise, so a head on `pixels` separates them quickly.

const palette = [
  [200, 40, 40],
  [40, 60, 200],
  [40, 180, 60],
  [220, 200, 40],
];

export async function classImage(path: string, classIndex: number, seed: number, size = 20): Promise<string> {
  const random = seededRandom(seed);
  const data = Buffer.alloc(size * size * 3);
  const base = palette[classIndex % palette.length];
  for (let p = 0; p < size * size; p++) {
    for (let c = 0; c < 3; c++) data[p * 3 + c] = Math.max(0, Math.min(255, base[c] + Math.round((random() - 0.5) * 90)));
  }
  return writeBytes(path, await sharp(data, { raw: { width: size, height: size, channels: 3 } }).png().toBuffer());
}

export interface MlProject {
  project: Project;
  dir: string;
  samples: Sample[];
  /** The class index each sample's image was drawn from. */
  truth: Map<string, number>;
}

const splitCycle: Split[] = ['train', 'train', 'train', 'val', 'test'];

/**
 * A real project folder with `perClass` images per class, splits cycling
 * train/train/train/val/test, and (unless `label: false`) every train and val sample
 * labeled with its true class.
 */
export async function mlProject(options: { classes?: string[]; perClass?: number; label?: boolean; size?: number } = {}): Promise<MlProject> {
  const classes = options.classes ?? ['red', 'blue'];
  const perClass = options.perClass ?? 10;
  const root = await tempDir('studio-ml-');
  const dir = join(root, 'project');
  const project = await Project.create(dir, { classes: classes.map((name) => ({ name })) });
  const samples: Sample[] = [];
  const truth = new Map<string, number>();
  let n = 0;
  for (let k = 0; k < perClass; k++) {
    for (let c = 0; c < classes.length; c++) {
      const path = await classImage(join(root, 'images', `${classes[c]}-${k}.png`), c, 100 + n, options.size);
      samples.push(await sampleFor(path, splitCycle[n % splitCycle.length], n));
      truth.set(samples[samples.length - 1].id, c);
      n++;
    }
  }
  await project.samples.add(samples);
  if (options.label !== false) {
    for (const sample of samples) {
      if (sample.split === 'test') continue;
      await project.labels.setClass(sample.id, project.doc.classes[truth.get(sample.id)!].id, { annotator: 'tester', seconds: 1 });
    }
  }
  return { project, dir, samples, truth };
}

export async function sampleFor(path: string, split: Split, n: number): Promise<Sample> {
  const bytes = await readFile(path);
  const hash = createHash('sha256').update(bytes).digest('hex');
  return {
    id: `s${String(n).padStart(4, '0')}`,
    path,
    relativePath: path.split('/').pop()!,
    hash,
    dhash: hash.slice(0, 16),
    width: 20,
    height: 20,
    format: 'png',
    bytes: bytes.length,
    split,
    importedLabel: null,
    addedAt: new Date(0).toISOString(),
  };
}
