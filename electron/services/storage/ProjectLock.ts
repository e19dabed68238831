import { open, readFile, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { StudioError } from '../../../shared/contract/channel';
import { isCode } from './durableWrite';

interface LockOwner {
  pid: number;
  host: string;
  since: string;
  purpose: string;
}

/**
 * One writer per project folder. The lock file names its owner; a lock left by a process
 * that no longer runs on this host (a crash, a kill -9) is taken over at once, so reopening
 * after a crash never waits. A live owner gets a clear "open elsewhere" error.
 */
export class ProjectLock {
  private constructor(readonly path: string) {}

  static async acquire(path: string, purpose: string): Promise<ProjectLock> {
    const me: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString(), purpose };
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const handle = await open(path, 'wx');
        await handle.writeFile(JSON.stringify(me));
        await handle.sync();
        await handle.close();
        return new ProjectLock(path);
      } catch (error) {
        if (!isCode(error, 'EEXIST')) throw error;
      }
      let owner = await readOwner(path);
      if (!owner) {
        // Empty lock file: its writer is between create and write, or died there.
        await new Promise((r) => setTimeout(r, 200));
        owner = await readOwner(path);
      }
      if (owner && owner.host === me.host && owner.pid === process.pid) {
        throw new StudioError('locked', 'This project is already open in this studio.');
      }
      if (owner && !isStale(owner, me.host)) {
        throw new StudioError(
          'locked',
          `This project is open in another studio process (pid ${owner.pid} on ${owner.host}, ${owner.purpose}, since ${owner.since}).`,
          'Close it there first, or use a read-only command such as `studio status`.',
        );
      }
      await unlink(path).catch((e: unknown) => {
        if (!isCode(e, 'ENOENT')) throw e;
      });
    }
    throw new StudioError('locked', 'Could not take the project lock: another process keeps taking it.');
  }

  async release(): Promise<void> {
    const owner = await readOwner(this.path);
    if (owner?.pid === process.pid) await unlink(this.path).catch(() => undefined);
  }
}

async function readOwner(path: string): Promise<LockOwner | null> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as Partial<LockOwner>;
    if (typeof parsed.pid !== 'number' || typeof parsed.host !== 'string') return null;
    return { pid: parsed.pid, host: parsed.host, since: String(parsed.since ?? '?'), purpose: String(parsed.purpose ?? '?') };
  } catch {
    return null; // empty or torn lock file: its writer died while creating it
  }
}

function isStale(owner: LockOwner, host: string): boolean {
  if (owner.host !== host) return false; // cannot probe another machine's processes
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    return isCode(error, 'ESRCH');
  }
}
