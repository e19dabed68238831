import { open, rename, unlink, link } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';

/** fsync a directory so a rename inside it survives a power cut (no-op where unsupported). */
export async function fsyncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (error) {
    // Windows cannot open directories for fsync; the rename is still atomic there.
    if (!isCode(error, 'EISDIR', 'EPERM', 'EACCES', 'EINVAL')) throw error;
  } finally {
    await handle?.close();
  }
}

/**
 * Replaces `file` with `data` so that after a crash at any instant the file holds either
 * the old or the new content, never a mix: write a temp file, fsync it, rename it over the
 * target, fsync the directory. When `backup` is given, the previous content is first kept
 * there (as a hard link, so it costs no copy).
 */
export async function writeFileDurably(file: string, data: string | Uint8Array, backup?: string): Promise<void> {
  const dir = dirname(file);
  const temp = join(dir, `.${basename(file)}.${process.pid}.${Date.now()}.tmp`);
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    if (backup) await keepBackup(file, backup);
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await fsyncDirectory(dir);
}

async function keepBackup(file: string, backup: string): Promise<void> {
  const staged = `${backup}.${process.pid}.tmp`;
  await unlink(staged).catch(() => undefined);
  try {
    await link(file, staged);
  } catch (error) {
    if (isCode(error, 'ENOENT')) return; // first write: nothing to back up
    throw error;
  }
  await rename(staged, backup);
}

export function isCode(error: unknown, ...codes: string[]): boolean {
  return typeof error === 'object' && error !== null && codes.includes((error as { code?: string }).code ?? '');
}
