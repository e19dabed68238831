import { mkdir, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import * as tar from 'tar';
import { StudioError } from '../../../shared/contract/channel';
import { linkOrCopy } from '../dataset/formats/imageFolderFormat';
import { projectFiles } from '../project/documents';
import type { Project } from '../project/Project';
import { isCode } from '../storage/durableWrite';
import { BUNDLE_FORMAT, BUNDLE_VERSION, bundleEntries, imageEntry, type BundleManifest } from './bundleManifest';

export interface BundleOptions {
  withImages?: boolean;
  signal?: AbortSignal;
  onProgress?(message: string): void;
}

export interface BundleResult {
  out: string;
  samples: number;
  files: number;
  images: number;
  /** Sample images that could not be read, so are not in the bundle (with --with-images). */
  missingImages: string[];
}

/** Caches the studio can rebuild, and the lock: never bundled. */
const leftOut = new Set<string>([projectFiles.lock, projectFiles.cache, projectFiles.thumbnails]);

/**
 * One gzipped tar archive of a project: `bundle.json`, every file of the project folder as it
 * is (documents, journals, runs; not the lock, caches or thumbnails, which are rebuilt), and
 * with `withImages` every sample's image by content hash. The project must be open for
 * writing (its lock held), so nothing changes while it is read. Files are gathered as hard
 * links (or copies) in a folder beside OUT, archived, and OUT appears only once complete.
 */
export async function bundleProject(project: Project, out: string, options: BundleOptions = {}): Promise<BundleResult> {
  if (project.readOnly) throw new StudioError('conflict', 'A bundle is made from a project opened for writing, so nothing changes while it is read.');
  out = resolve(out);
  if (out.startsWith(project.dir + sep)) throw new StudioError('invalid-request', 'The bundle cannot be written inside the project folder.', 'Choose a path outside it.');
  const staging = await mkdtemp(join(dirname(out), '.bundle-')).catch((error: unknown) => {
    if (isCode(error, 'ENOENT')) throw new StudioError('not-found', `The folder ${dirname(out)} does not exist.`, 'Create it, or choose another place for the bundle.');
    throw error;
  });
  try {
    const imagePaths = new Set(project.samples.all.map((s) => s.path));
    const files = await projectFilesToBundle(project.dir, imagePaths);
    options.onProgress?.(`gathering ${files.length} project files`);
    for (const file of files) {
      const target = join(staging, bundleEntries.project, file);
      await mkdir(dirname(target), { recursive: true });
      await linkOrCopy(join(project.dir, file), target);
    }
    const images: Record<string, string> = {};
    const missingImages: string[] = [];
    if (options.withImages) {
      const samples = project.samples.all;
      for (const [i, sample] of samples.entries()) {
        if (options.signal?.aborted) throw new StudioError('cancelled', 'The bundle was cancelled; nothing was written.');
        if (images[sample.hash]) continue;
        const entry = imageEntry(sample.hash, extname(sample.path));
        await mkdir(dirname(join(staging, entry)), { recursive: true });
        try {
          await linkOrCopy(sample.path, join(staging, entry));
          images[sample.hash] = entry;
        } catch (error) {
          if (!isCode(error, 'ENOENT', 'EACCES', 'EISDIR')) throw error;
          missingImages.push(sample.path);
        }
        if (i % 500 === 499) options.onProgress?.(`gathering images: ${i + 1}/${samples.length}`);
      }
    }
    const manifest: BundleManifest = {
      format: BUNDLE_FORMAT,
      version: BUNDLE_VERSION,
      createdAt: new Date().toISOString(),
      project: { id: project.doc.id, name: project.doc.name, dir: project.dir },
      samples: project.samples.size,
      withImages: options.withImages ?? false,
      files,
      images,
    };
    await writeFile(join(staging, bundleEntries.manifest), JSON.stringify(manifest, null, 1));
    options.onProgress?.('writing the archive');
    const partial = `${out}.partial`;
    const entries = [bundleEntries.manifest, bundleEntries.project, ...(Object.keys(images).length ? [bundleEntries.images] : [])];
    await tar.c({ gzip: true, file: partial, cwd: staging, portable: true }, entries);
    await rename(partial, out);
    return { out, samples: project.samples.size, files: files.length, images: Object.keys(images).length, missingImages };
  } finally {
    await rm(staging, { recursive: true, force: true });
    await rm(`${out}.partial`, { force: true });
  }
}

/** Every regular file of the project folder to bundle, relative and '/'-separated; links are never followed. */
async function projectFilesToBundle(dir: string, imagePaths: ReadonlySet<string>): Promise<string[]> {
  const out: string[] = [];
  const walk = async (folder: string): Promise<void> => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      const rel = relative(dir, path).split(sep).join('/');
      if (leftOut.has(rel) || entry.name.endsWith('.tmp') || rel === 'uploads') continue;
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile() && !imagePaths.has(path)) out.push(rel);
    }
  };
  await walk(dir);
  return out.sort();
}
