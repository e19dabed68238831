import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { isCode, nodeFileSystem, type StorageFs } from './fileSystem';

export { isCode } from './fileSystem';

/** fsync a directory so a create or rename inside it survives a power cut (no-op where unsupported). */
export function fsyncDirectory(dir: string, fs: StorageFs = nodeFileSystem): Promise<void> {
  return fs.syncDirectory(dir);
}

/** A temp file beside `file`, named so an interrupted write's leftovers are recognisable. */
export function tempPathFor(file: string): string {
  return join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/** Writes `data` to a new file and makes its bytes durable; the caller renames it into place. */
export async function writeTempFile(fs: StorageFs, temp: string, data: string | Uint8Array): Promise<void> {
  const handle = await fs.open(temp, 'replace');
  try {
    await handle.write(typeof data === 'string' ? Buffer.from(data) : data);
    await handle.sync(); // fsync:temp-data
  } catch (error) {
    await handle.close().catch(() => undefined);
    await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
  await handle.close();
}

/**
 * Replaces `file` with `data` so that after a crash at any instant the file holds either
 * the old or the new content, never a mix: write a temp file, fsync it, rename it over the
 * target, fsync the directory.
 */
export async function writeFileDurably(file: string, data: string | Uint8Array, options: { fs?: StorageFs } = {}): Promise<void> {
  const fs = options.fs ?? nodeFileSystem;
  const temp = tempPathFor(file);
  await writeTempFile(fs, temp, data);
  try {
    await fs.rename(temp, file);
  } catch (error) {
    await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
  await fs.syncDirectory(dirname(file)); // fsync:replace-rename
}

/** Renames when `from` exists; false when it does not. */
export async function renameIfPresent(fs: StorageFs, from: string, to: string): Promise<boolean> {
  try {
    await fs.rename(from, to);
    return true;
  } catch (error) {
    if (isCode(error, 'ENOENT')) return false;
    throw error;
  }
}
