import { readdir } from 'node:fs/promises';
import { extname, join } from 'node:path';
import sharp from 'sharp';
import { StudioError } from '../../../shared/contract/channel';
import { seededRandom, shuffledIndices } from '../acquisition/seededRandom';
import type { LabeledImages, SimulationDataset } from './types';

const imageExtensions = new Set(['.png', '.jpg', '.jpeg']);

export interface ImageFolderOptions {
  /** Images are resized (cover) to size × size. */
  size?: number;
  color?: 'grayscale' | 'rgb';
  /** Share of each class held out as the test set. */
  testFraction?: number;
  seed?: number;
}

/**
 * An ImageFolder dataset: `DIR/<class>/*.png|jpg`, classes in name order. Images are decoded
 * with sharp to a fixed size, grayscale or RGB, pixels / 255. A seeded, per-class 20% is held
 * out as the test set. Unreadable images are skipped and counted, not fatal.
 */
export async function loadImageFolder(dir: string, options: ImageFolderOptions = {}): Promise<SimulationDataset & { skipped: string[] }> {
  const size = options.size ?? 28;
  const channels = options.color === 'rgb' ? 3 : 1;
  const classNames = await classFolders(dir);
  const perImage = size * size * channels;
  const images: { pixels: Float32Array; label: number }[] = [];
  const skipped: string[] = [];
  for (const [label, name] of classNames.entries()) {
    const files = (await readdir(join(dir, name))).filter((f) => imageExtensions.has(extname(f).toLowerCase())).sort();
    for (const file of files) {
      const path = join(dir, name, file);
      try {
        let pipeline = sharp(path).resize(size, size, { fit: 'cover' }).removeAlpha();
        pipeline = channels === 1 ? pipeline.grayscale() : pipeline.toColourspace('srgb');
        const raw = await pipeline.raw().toBuffer();
        if (raw.length !== perImage) throw new Error(`decoded to ${raw.length} bytes, expected ${perImage}`);
        images.push({ pixels: Float32Array.from(raw, (v) => v / 255), label });
      } catch {
        skipped.push(path);
      }
    }
  }
  if (images.length === 0) throw new StudioError('not-found', `No readable .png or .jpg images in the class folders of ${dir}.`, 'Put images in DIR/<class>/ folders.');
  const testSet = heldOut(images.map((i) => i.label), options.testFraction ?? 0.2, options.seed ?? 1);
  const part = (keep: (i: number) => boolean): LabeledImages => {
    const rows = images.filter((_, i) => keep(i));
    const pixels = new Float32Array(rows.length * perImage);
    rows.forEach((r, i) => pixels.set(r.pixels, i * perImage));
    return { pixels, labels: Int32Array.from(rows, (r) => r.label), count: rows.length, height: size, width: size, channels };
  };
  return { name: dir, classNames, train: part((i) => !testSet.has(i)), test: part((i) => testSet.has(i)), skipped };
}

async function classFolders(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    throw new StudioError('not-found', `Cannot read the dataset folder ${dir} (${(error as NodeJS.ErrnoException).code}).`, 'Give a folder holding one sub-folder of images per class, or --dataset fashion-mnist.');
  }
  const classes = entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name).sort();
  if (classes.length < 2) throw new StudioError('invalid-request', `${dir} has ${classes.length} class folder(s); a classifier needs at least 2.`, 'Lay the images out as DIR/<class>/image.png, one folder per class.');
  return classes;
}

/** Picks round(fraction × class size) images of every class (at least one if the class has two). */
function heldOut(labels: number[], fraction: number, seed: number): Set<number> {
  const random = seededRandom(seed);
  const byClass = new Map<number, number[]>();
  labels.forEach((label, i) => byClass.set(label, [...(byClass.get(label) ?? []), i]));
  const test = new Set<number>();
  for (const members of byClass.values()) {
    const order = shuffledIndices(members.length, random);
    const take = members.length >= 2 ? Math.max(1, Math.round(members.length * fraction)) : 0;
    for (let i = 0; i < take; i++) test.add(members[order[i]]);
  }
  return test;
}
