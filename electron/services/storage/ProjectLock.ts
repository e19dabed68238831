import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { StudioError } from '../../../shared/contract/channel';
import { isCode, nodeFileSystem, type StorageFs } from './fileSystem';
import { lockOwnerIsGone, readLockOwner, type LockOwner } from './lockOwner';

/**
 * One writer per project folder, and never two, even when two processes race to take over a
 * lock a crashed studio left behind.
 *
 * The lock is a chain of numbered files `.studio.lock.1`, `.2`, … each naming its owner; the
 * highest number is the lock. Each file is made complete (written to a temp file first) and
 * then given its name with `link`, an atomic exclusive create, so no one ever reads a half
 * written owner. To take over a lock whose owner no longer runs, a process creates the next
 * number: of two racers only one can create it. After creating it, the winner checks that no
 * higher number appeared (a racer that saw an older top and lost the race for it) and only
 * then holds the lock. The top of the chain is never deleted: releasing creates a "free"
 * successor first, and holders remove only numbers below their own. So two processes can
 * hold the lock only if one judged the other dead while it ran, which the owner check (pid on
 * this host and boot) rules out. docs/STORAGE.md has the argument in full.
 */
export class ProjectLock {
  /** Tokens of the locks this process holds (shared by every copy of this module in it). */
  private static readonly held: Set<string> = ((globalThis as Record<symbol, Set<string>>)[Symbol.for('studio.projectLocks')] ??= new Set());

  private constructor(
    private readonly base: string,
    private readonly number: number,
    private readonly owner: LockOwner,
    private readonly fs: StorageFs,
  ) {}

  static async acquire(base: string, purpose: string, fs: StorageFs = nodeFileSystem): Promise<ProjectLock> {
    const me: LockOwner = { pid: process.pid, host: hostname(), boot: await bootId(), since: new Date().toISOString(), purpose, token: randomBytes(8).toString('hex') };
    await refuseLegacyOwner(fs, base);
    let unreadable = 0;
    for (let attempt = 0; attempt < 80; attempt++) {
      const top = await topOfChain(fs, base);
      if (top && top.owner === 'vanished') continue; // removed between listing and reading
      if (top && top.owner === 'unreadable' && linkless && unreadable++ < 20) {
        // Made complete by link, a lock file is unreadable only after damage or a power cut
        // (stale). Where the file system has no hard links it is created in two steps: give
        // its writer a second to finish.
        await new Promise((r) => setTimeout(r, 50));
        continue;
      }
      if (top && typeof top.owner === 'object' && !top.owner.free) assertTakeable(top.owner, me);
      const number = (top?.number ?? 0) + 1;
      if (!(await createLink(fs, `${base}.${number}`, me))) continue; // another process took this number
      const after = await topOfChain(fs, base);
      if (after && after.number > number) {
        await fs.unlink(`${base}.${number}`).catch(() => undefined); // we raced for an old top and lost
        continue;
      }
      await removeBelow(fs, base, number);
      ProjectLock.held.add(me.token);
      return new ProjectLock(base, number, me, fs);
    }
    throw new StudioError('locked', 'Could not take the project lock: other processes keep taking it.', 'Close the other studios that use this project, then try again.');
  }

  async release(): Promise<void> {
    ProjectLock.held.delete(this.owner.token);
    const free: LockOwner = { ...this.owner, free: true, since: new Date().toISOString() };
    // The free successor keeps the top of the chain in place; if it cannot be written (a full
    // disk), our own file stays and is judged stale once this process ends.
    if (await createLink(this.fs, `${this.base}.${this.number + 1}`, free).catch(() => false)) {
      await this.fs.unlink(`${this.base}.${this.number}`).catch(() => undefined);
    }
  }

  static holds(token: string): boolean {
    return ProjectLock.held.has(token);
  }
}

function assertTakeable(owner: LockOwner, me: LockOwner): void {
  if (owner.host === me.host && owner.pid === me.pid && ProjectLock.holds(owner.token)) {
    throw new StudioError('locked', 'This project is already open in this studio.');
  }
  if (!lockOwnerIsGone(owner, me, (token) => ProjectLock.holds(token))) {
    throw new StudioError(
      'locked',
      `This project is open in another studio process (pid ${owner.pid} on ${owner.host}, ${owner.purpose}, since ${owner.since}).`,
      'Close it there first, or use a read-only command such as `studio status`.',
    );
  }
}

type Top = { number: number; owner: LockOwner | 'unreadable' | 'vanished' };

async function topOfChain(fs: StorageFs, base: string): Promise<Top | null> {
  const number = Math.max(0, ...(await chainNumbers(fs, base)));
  if (number === 0) return null;
  return { number, owner: await readLockOwner(fs, `${base}.${number}`) };
}

async function chainNumbers(fs: StorageFs, base: string): Promise<number[]> {
  const prefix = `${basename(base)}.`;
  const names = await fs.readdir(dirname(base));
  return names.filter((n) => n.startsWith(prefix) && /^\d+$/.test(n.slice(prefix.length))).map((n) => Number(n.slice(prefix.length)));
}

async function removeBelow(fs: StorageFs, base: string, number: number): Promise<void> {
  for (const n of await chainNumbers(fs, base)) {
    if (n < number) await fs.unlink(`${base}.${n}`).catch(() => undefined);
  }
}

/** Gives `path` the owner's content in one step; false when the name is taken. */
async function createLink(fs: StorageFs, path: string, owner: LockOwner): Promise<boolean> {
  const temp = join(dirname(path), `.${basename(path)}.${owner.token}.${randomBytes(3).toString('hex')}.tmp`);
  const file = await fs.open(temp, 'exclusive');
  try {
    await file.write(Buffer.from(JSON.stringify(owner)));
  } finally {
    await file.close();
  }
  try {
    await fs.link(temp, path);
    return true;
  } catch (error) {
    if (isCode(error, 'EEXIST')) return false;
    if (!isCode(error, 'EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS')) throw error;
    linkless = true; // FAT, exFAT and some network shares: no hard links
    return createInTwoSteps(fs, path, owner);
  } finally {
    await fs.unlink(temp).catch(() => undefined);
  }
}

/** Set once a file system here refused `link`: lock files may then be briefly empty. */
let linkless = false;

async function createInTwoSteps(fs: StorageFs, path: string, owner: LockOwner): Promise<boolean> {
  let file;
  try {
    file = await fs.open(path, 'exclusive');
  } catch (error) {
    if (isCode(error, 'EEXIST')) return false;
    throw error;
  }
  try {
    await file.write(Buffer.from(JSON.stringify(owner)));
  } finally {
    await file.close();
  }
  return true;
}

/** A `.studio.lock` from a studio before the chain: a live owner still keeps us out. */
async function refuseLegacyOwner(fs: StorageFs, base: string): Promise<void> {
  const owner = await readLockOwner(fs, base);
  if (typeof owner === 'string') return;
  assertTakeable(owner, { pid: process.pid, host: hostname(), boot: await bootId(), since: '', purpose: '', token: '' });
  await fs.unlink(base).catch(() => undefined); // its owner is gone: only clutter now
}

let cachedBoot: Promise<string | null> | null = null;

/** Linux's boot id: a lock from before a reboot is stale even if its pid runs again. */
function bootId(): Promise<string | null> {
  cachedBoot ??= nodeFileSystem
    .readFile('/proc/sys/kernel/random/boot_id')
    .then((b) => b.toString('utf8').trim() || null)
    .catch(() => null);
  return cachedBoot;
}
