import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import { StudioError } from '../../../shared/contract/channel';
import { sha256OfFile } from '../ml/models/download';
import { isCode } from '../storage/durableWrite';

/**
 * An export is written into a hidden staging folder beside its destination and renamed into
 * place only when every file is there, so a cancelled or failed export leaves no
 * half-written model for anyone to pick up. The destination must be new or empty.
 */
export class ExportFolder {
  private constructor(
    readonly outDir: string,
    readonly staging: string,
  ) {}

  static async create(outDir: string): Promise<ExportFolder> {
    const existing = await readdir(outDir).catch((error: unknown) => (isCode(error, 'ENOENT') ? null : Promise.reject(error)));
    if (existing && existing.length > 0) {
      throw new StudioError('conflict', `${outDir} already exists and is not empty.`, 'Choose a new or empty folder for the export.');
    }
    const staging = join(dirname(outDir), `.${basename(outDir)}.partial-${randomBytes(4).toString('hex')}`);
    await mkdir(staging, { recursive: true });
    return new ExportFolder(outDir, staging);
  }

  async write(path: string, content: string | Uint8Array): Promise<void> {
    const full = join(this.staging, path);
    await mkdir(dirname(full), { recursive: true });
    await writeFile(full, content);
  }

  /** Every file in the folder with its size and sha256, sorted by path. */
  async manifest(): Promise<{ path: string; bytes: number; sha256: string }[]> {
    const files: { path: string; bytes: number; sha256: string }[] = [];
    const walk = async (dir: string): Promise<void> => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const full = join(dir, entry.name);
        if (entry.isDirectory()) await walk(full);
        else files.push({ path: relative(this.staging, full).split(sep).join('/'), bytes: (await stat(full)).size, sha256: await sha256OfFile(full) });
      }
    };
    await walk(this.staging);
    return files.sort((a, b) => (a.path < b.path ? -1 : 1));
  }

  /** Moves the finished export into place. */
  async commit(): Promise<void> {
    await rmdir(this.outDir).catch((error: unknown) => (isCode(error, 'ENOENT') ? undefined : Promise.reject(error)));
    await rename(this.staging, this.outDir);
  }

  async discard(): Promise<void> {
    await rm(this.staging, { recursive: true, force: true });
  }
}
