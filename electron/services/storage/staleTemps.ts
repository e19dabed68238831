import { basename, dirname, join } from 'node:path';
import type { StorageFs } from './fileSystem';

/**
 * Removes temp files an interrupted write left beside `file` (`.<name>.<pid>.<random>.tmp`),
 * but only those of processes that no longer run: another studio may be writing its own.
 */
export async function removeStaleTemps(fs: StorageFs, file: string): Promise<void> {
  const dir = dirname(file);
  const prefix = `.${basename(file)}.`;
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const match = name.startsWith(prefix) && /\.(\d+)\.[0-9a-f]+\.tmp$/.exec(name);
    if (!match || isRunning(Number(match[1]))) continue;
    await fs.unlink(join(dir, name)).catch(() => undefined);
  }
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true; // this process may be writing it right now
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}
