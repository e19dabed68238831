import type { StorageFs } from './fileSystem';
import { isCode } from './fileSystem';

/** Who holds (or held) a project lock; `free` marks the successor a release leaves. */
export interface LockOwner {
  pid: number;
  host: string;
  /** Linux boot id, when known: a lock from before a reboot is stale. */
  boot: string | null;
  since: string;
  purpose: string;
  /** Unique per acquisition: tells this process's live locks from its leftovers. */
  token: string;
  free?: boolean;
}

/** The owner in a lock file; 'vanished' when it is gone, 'unreadable' when empty or garbled. */
export async function readLockOwner(fs: StorageFs, path: string): Promise<LockOwner | 'unreadable' | 'vanished'> {
  let text: string;
  try {
    text = (await fs.readFile(path)).toString('utf8');
  } catch (error) {
    if (isCode(error, 'ENOENT')) return 'vanished';
    throw error;
  }
  try {
    const o = JSON.parse(text) as Partial<LockOwner>;
    if (typeof o.pid !== 'number' || typeof o.host !== 'string') return 'unreadable';
    return {
      pid: o.pid,
      host: o.host,
      boot: typeof o.boot === 'string' ? o.boot : null,
      since: String(o.since ?? '?'),
      purpose: String(o.purpose ?? '?'),
      token: String(o.token ?? ''),
      ...(o.free === true ? { free: true } : {}),
    };
  } catch {
    return 'unreadable';
  }
}

/**
 * True only when the owner certainly no longer runs: same host and a different boot, or a
 * pid that does not exist. An owner on another host is never judged gone (its processes
 * cannot be probed from here).
 */
export function lockOwnerIsGone(owner: LockOwner, me: { host: string; boot: string | null; pid: number }, holdsToken: (token: string) => boolean): boolean {
  if (owner.host !== me.host) return false;
  if (owner.boot && me.boot && owner.boot !== me.boot) return true;
  if (owner.pid === me.pid) return !holdsToken(owner.token); // a leftover of this process (a release that failed)
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    return isCode(error, 'ESRCH');
  }
}
