import { copyFile, link, mkdir, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { StudioError } from '../../../../shared/contract/channel';
import { isCode } from '../../storage/durableWrite';
import type { LabelRecord } from '../labelRecords';
import type { LabelFormat } from './types';

/** The split folder names ImageFolder readers expect (Ultralytics classification, CVAT's ImageNet export). */
export const imageFolderSplits = { train: 'train', val: 'val', test: 'test' } as const;

/** Why a class name cannot be a folder name on every system, or null when it can. */
export function folderNameProblem(name: string): string | null {
  if (name === '.' || name === '..') return 'is "." or ".."';
  if (/[/\\]/.test(name)) return 'holds a slash';
  if (/[<>:"|?*]/.test(name)) return 'holds a character Windows forbids in folder names (< > : " | ? *)';
  if (/[. ]$/.test(name) || /^ /.test(name)) return 'starts with a space or ends with a space or a dot';
  return null;
}

/**
 * The ImageFolder layout: `OUT/train|val|test/<class>/<image>`, labeled samples only. Images
 * are hard-linked where OUT is on the same file system as the image (no extra space), copied
 * otherwise. Written into a temporary folder beside OUT and renamed at the end, so a
 * cancelled or failed export leaves no half-written folder. Class names that cannot be folder
 * names are refused before anything is written.
 */
export const imageFolderFormat: LabelFormat = {
  name: 'imagefolder',
  writes: 'folder',
  async write(records: readonly LabelRecord[], out: string, { signal, onProgress }) {
    const labeled = records.filter((r): r is LabelRecord & { label: string } => r.label !== null);
    checkClassNames(labeled.map((r) => r.label));
    const existing = await readdir(out).catch((error: unknown) => (isCode(error, 'ENOENT') ? null : Promise.reject(error)));
    if (existing && existing.length > 0) throw new StudioError('conflict', `${out} already exists and is not empty.`, 'Choose a new folder for the ImageFolder export.');
    const temp = join(dirname(out), `.${basename(out)}.partial-${randomBytes(4).toString('hex')}`);
    let linked = 0;
    try {
      const used = new Set<string>();
      for (const [i, r] of labeled.entries()) {
        if (signal?.aborted) throw new StudioError('cancelled', 'The export was cancelled; nothing was written.');
        const folder = join(temp, imageFolderSplits[r.split], r.label);
        const target = join(folder, uniqueName(r, used));
        await mkdir(folder, { recursive: true });
        linked += (await linkOrCopy(r.path, target)) ? 1 : 0;
        if (i % 50 === 49) onProgress?.(i + 1, labeled.length);
      }
      for (const split of Object.values(imageFolderSplits)) await mkdir(join(temp, split), { recursive: true });
      if (existing) await rm(out, { recursive: true });
      await rename(temp, out);
    } catch (error) {
      await rm(temp, { recursive: true, force: true });
      if (isCode(error, 'ENOENT')) throw new StudioError('not-found', `An image is missing: ${(error as Error).message}. Nothing was written.`, 'Find the moved images (or unbundle with --images-from) and export again.');
      throw error;
    }
    const skipped = records.length - labeled.length;
    const notes = [`${linked} image(s) hard-linked, ${labeled.length - linked} copied.`];
    if (skipped) notes.push(`${skipped} unlabeled sample(s) left out: ImageFolder holds labeled images only.`);
    return { written: labeled.length, skipped, notes };
  },
};

function checkClassNames(names: string[]): void {
  const seen = new Map<string, string>();
  for (const name of new Set(names)) {
    const problem = folderNameProblem(name);
    if (problem) throw new StudioError('invalid-request', `The class "${name}" ${problem}, so it cannot be an ImageFolder folder name. Nothing was written.`, 'Rename the class in the Classes tab, or export as CSV, JSON lines or Label Studio JSON, which keep any name.');
    const folded = name.toLowerCase();
    const other = seen.get(folded);
    if (other) throw new StudioError('invalid-request', `The classes "${other}" and "${name}" differ only in case: one folder on macOS and Windows. Nothing was written.`, 'Rename or merge one of them in the Classes tab.');
    seen.set(folded, name);
  }
}

/** The image's own file name; a second image of the same name in a folder gets its hash added. */
function uniqueName(r: LabelRecord & { label: string }, used: Set<string>): string {
  const name = basename(r.path);
  const key = `${r.split}/${r.label}/${name}`.toLowerCase();
  if (!used.has(key)) {
    used.add(key);
    return name;
  }
  const ext = extname(name);
  const renamed = `${name.slice(0, name.length - ext.length)}~${r.sha256.slice(0, 12)}${ext}`;
  used.add(`${r.split}/${r.label}/${renamed}`.toLowerCase());
  return renamed;
}

/** A hard link when source and target share a file system; a copy otherwise. True when linked. */
export async function linkOrCopy(source: string, target: string): Promise<boolean> {
  try {
    await link(source, target);
    return true;
  } catch (error) {
    if (!isCode(error, 'EXDEV', 'EPERM', 'EMLINK', 'ENOTSUP', 'EACCES')) throw error;
  }
  await copyFile(source, target);
  return false;
}
