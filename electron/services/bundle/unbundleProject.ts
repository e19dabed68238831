import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rename, rm, rmdir, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import * as tar from 'tar';
import { StudioError } from '../../../shared/contract/channel';
import type { Sample } from '../../../shared/domain/records';
import { projectFiles } from '../project/documents';
import { Project } from '../project/Project';
import { SampleIndex } from '../project/SampleIndex';
import { isCode } from '../storage/durableWrite';
import { hostileEntry, refuseEntry } from './archivePaths';
import { bundleEntries, bundleManifestSchema, type BundleManifest } from './bundleManifest';
import { findByContent } from './findByContent';

export interface UnbundleOptions {
  /** A folder to look in, by content hash, for images that are not where the bundle says. */
  imagesFrom?: string;
  onProgress?(message: string): void;
}

export interface UnbundleResult {
  dir: string;
  samples: number;
  images: { bundled: number; inPlace: number; found: number; missing: string[] };
}

/** Bundled images land here, inside the new project folder. */
export const bundledImagesFolder = 'bundled-images';

/**
 * Unpacks a bundle into a new project folder. Every entry is checked first: an absolute
 * path, a `..`, a link or a device refuses the whole bundle before anything is written.
 * Each sample's image is then taken from the bundle, left where it was if a file of the same
 * size is still there, found by content hash in `imagesFrom`, or listed as missing. The
 * project is assembled beside DIR and renamed into place once complete.
 */
export async function unbundleProject(file: string, dir: string, options: UnbundleOptions = {}): Promise<UnbundleResult> {
  file = resolve(file);
  dir = resolve(dir);
  await assertEmptyTarget(dir);
  await checkEntries(file);
  const staging = await mkdtemp(join(dirname(dir), '.unbundle-'));
  try {
    options.onProgress?.('unpacking');
    await tar.x({ file, cwd: staging, strict: true, preserveOwner: false, filter: (path, entry) => hostileEntry(path, 'type' in entry ? entry.type : 'File') === null });
    const manifest = await readManifest(file, staging);
    const projectDir = join(staging, bundleEntries.project);
    if (!existsSync(join(projectDir, projectFiles.project))) throw new StudioError('invalid-request', `The bundle ${file} holds no ${projectFiles.project}.`, 'Make the bundle again with "studio bundle".');
    const bundled = await SampleIndex.open(projectDir, { readOnly: true });
    const { samples, images } = await placeImages(bundled.all, manifest, dir, options);
    await rm(join(projectDir, projectFiles.samples), { force: true });
    const index = await SampleIndex.open(projectDir, { readOnly: false });
    await index.add(samples);
    await index.close();
    if (images.bundled > 0) await rename(join(staging, bundleEntries.images), join(projectDir, bundledImagesFolder));
    if (existsSync(dir)) await rmdir(dir);
    await rename(projectDir, dir);
    await (await Project.open(dir, { purpose: 'unbundle' })).close(); // opens as the studio will, or says why not
    return { dir, samples: samples.length, images };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function assertEmptyTarget(dir: string): Promise<void> {
  const entries = await readdir(dir).catch((error: unknown) => (isCode(error, 'ENOENT') ? [] : Promise.reject(error)));
  if (entries.length > 0) throw new StudioError('conflict', `${dir} is not empty.`, 'Unbundle into a new or empty folder.');
}

/** Lists every entry before anything is written; one hostile entry refuses the bundle. */
async function checkEntries(file: string): Promise<void> {
  let problem: { path: string; why: string } | null = null;
  let count = 0;
  try {
    await tar.t({
      file,
      strict: true,
      onReadEntry: (entry) => {
        count++;
        const why = hostileEntry(entry.path, entry.type);
        if (why && !problem) problem = { path: entry.path, why };
      },
    });
  } catch (error) {
    if (isCode(error, 'ENOENT')) throw new StudioError('not-found', `No bundle at ${file}.`, 'Check the path of the bundle file.');
    throw new StudioError('invalid-request', `${file} is not a readable bundle: ${(error as Error).message}.`, 'Make the bundle again with "studio bundle"; a copy cut short cannot be unpacked.');
  }
  const found = problem as { path: string; why: string } | null;
  if (found) throw refuseEntry(file, found.path, found.why);
  if (count === 0) throw new StudioError('invalid-request', `${file} is not a bundle (no entries).`, 'Make the bundle with "studio bundle".');
}

async function readManifest(file: string, staging: string): Promise<BundleManifest> {
  const text = await readFile(join(staging, bundleEntries.manifest), 'utf8').catch(() => null);
  const parsed = text === null ? null : bundleManifestSchema.safeParse(JSON.parse(text));
  if (!parsed?.success) throw new StudioError('invalid-request', `${file} is not a studio bundle (no valid ${bundleEntries.manifest}).`, 'Make the bundle with "studio bundle".');
  return parsed.data;
}

/** Where each sample's image is on this machine. */
async function placeImages(samples: Sample[], manifest: BundleManifest, dir: string, options: UnbundleOptions): Promise<{ samples: Sample[]; images: UnbundleResult['images'] }> {
  const images = { bundled: 0, inPlace: 0, found: 0, missing: [] as string[] };
  const placed: Sample[] = [];
  const lost: Sample[] = [];
  for (const sample of samples) {
    const entry = manifest.images[sample.hash];
    if (entry) {
      images.bundled++;
      placed.push({ ...sample, path: join(dir, bundledImagesFolder, entry.slice(bundleEntries.images.length + 1)) });
      continue;
    }
    const here = await stat(sample.path).catch(() => null);
    if (here?.isFile() && here.size === sample.bytes) {
      images.inPlace++;
      placed.push(sample);
    } else lost.push(sample);
  }
  const byHash = options.imagesFrom && lost.length ? await findByContent(options.imagesFrom, lost, options.onProgress) : new Map<string, string>();
  for (const sample of lost) {
    const path = byHash.get(sample.hash);
    if (path) images.found++;
    else images.missing.push(sample.path);
    placed.push(path ? { ...sample, path } : sample);
  }
  const order = new Map(samples.map((s, i) => [s.id, i]));
  placed.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  return { samples: placed, images };
}
