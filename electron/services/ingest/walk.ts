import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, join, sep } from 'node:path';
import { StudioError } from '../../../shared/contract/channel';
import { isCode } from '../storage/durableWrite';
import { unreadable } from './hash';
import type { Rejected } from './rejection';

/** A file the walk found, in a stable order (sources in the order given, names sorted). */
export interface FoundFile {
  /** Absolute path as reached from the chosen source (a link keeps its own name). */
  path: string;
  /** Where it really is: used to see the same file reached twice. */
  realPath: string;
  /** Relative to the chosen folder, '/'-separated; the file name for a single-file source. */
  relativePath: string;
  /** The first-level subfolder under the chosen folder, or null for files directly in it. */
  topFolder: string | null;
}

export interface WalkResult {
  files: FoundFile[];
  rejected: Rejected[];
}

export interface WalkOptions {
  /** Real paths to leave out silently (the labels CSV when it sits among the images). */
  skip?: ReadonlySet<string>;
  signal?: AbortSignal;
  onFound?(count: number): void;
}

const ignoredNames = new Set(['thumbs.db', 'desktop.ini']);
const isIgnored = (name: string): boolean => name.startsWith('.') || ignoredNames.has(name.toLowerCase());

/**
 * Lists the files to import. Folders are walked recursively; a link is followed when it
 * points inside the chosen folder (each real folder once, so link loops end) and rejected
 * when it points outside. A file reached twice by different paths is imported once.
 */
export async function walkSources(sources: string[], options: WalkOptions = {}): Promise<WalkResult> {
  const walker = new Walker(options);
  let missing = 0;
  for (const source of sources) {
    if (options.signal?.aborted) break;
    let real: string;
    try {
      real = await realpath(source);
      const info = await stat(real);
      if (info.isDirectory()) await walker.folder({ path: source, real }, source, real, '');
      else if (info.isFile()) walker.file(source, real, basename(source), false);
      else walker.reject(source, 'not-an-image', 'Not a regular file (a device, socket or pipe).');
    } catch (error) {
      if (isCode(error, 'ENOENT')) missing++;
      walker.reject(source, 'unreadable', isCode(error, 'ENOENT') ? 'Nothing exists at this path.' : unreadable(error).detail);
    }
  }
  if (missing > 0 && missing === sources.length) {
    throw new StudioError('not-found', `Nothing to import: ${sources.length === 1 ? sources[0] + ' does' : 'none of the chosen paths'} not exist.`, 'Check the path and try again.');
  }
  return { files: walker.files, rejected: walker.rejected };
}

class Walker {
  readonly files: FoundFile[] = [];
  readonly rejected: Rejected[] = [];
  private readonly seenFiles = new Set<string>();
  private readonly seenFolders = new Set<string>();

  constructor(private readonly options: WalkOptions) {}

  async folder(root: { path: string; real: string }, path: string, real: string, relative: string): Promise<void> {
    if (this.options.signal?.aborted || this.seenFolders.has(real)) return;
    this.seenFolders.add(real);
    let entries;
    try {
      entries = await readdir(path, { withFileTypes: true });
    } catch (error) {
      return this.reject(path, 'unreadable', `This folder could not be read: ${unreadable(error).detail}`);
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (isIgnored(entry.name)) continue;
      const childPath = join(path, entry.name);
      const childRelative = relative ? `${relative}/${entry.name}` : entry.name;
      let childReal = join(real, entry.name);
      let kind = entry.isDirectory() ? 'folder' : entry.isFile() ? 'file' : 'other';
      if (entry.isSymbolicLink()) {
        try {
          childReal = await realpath(childPath);
          const info = await stat(childReal);
          kind = info.isDirectory() ? 'folder' : info.isFile() ? 'file' : 'other';
        } catch {
          this.reject(childPath, 'unreadable', 'A broken link: its target is missing.');
          continue;
        }
        if (childReal !== root.real && !childReal.startsWith(root.real + sep)) {
          this.reject(childPath, 'outside-folder', `Links to ${childReal}, outside ${root.path}.`);
          continue;
        }
      }
      if (kind === 'folder') await this.folder(root, childPath, childReal, childRelative);
      else if (kind === 'file') this.file(childPath, childReal, childRelative, true);
      else this.reject(childPath, 'not-an-image', 'Not a regular file (a device, socket or pipe).');
    }
    this.options.onFound?.(this.files.length);
  }

  file(path: string, real: string, relativePath: string, inFolder: boolean): void {
    if (this.seenFiles.has(real) || this.options.skip?.has(real)) return;
    this.seenFiles.add(real);
    const slash = relativePath.indexOf('/');
    const topFolder = inFolder && slash > 0 ? relativePath.slice(0, slash) : null;
    this.files.push({ path, realPath: real, relativePath, topFolder });
  }

  reject(path: string, reason: Rejected['reason'], detail: string): void {
    this.rejected.push({ path, reason, detail });
  }
}
