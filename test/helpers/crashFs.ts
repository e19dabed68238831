import { dirname } from 'node:path';
import type { StorageFile, StorageFs } from '../../electron/services/storage/fileSystem';
import { mulberry32 } from '../../shared/domain/mulberry32';

/** Thrown by every call once the simulated power is gone. */
export class PowerCut extends Error {
  constructor() {
    super('power cut');
  }
}

class Inode {
  /**
   * The longest content since the last sync: the kernel may have written any of it back, so
   * a truncation not followed by a sync can be undone by a power cut.
   */
  written: Buffer | null = null;
  constructor(
    public data: Buffer = Buffer.alloc(0),
    /** What a power cut keeps for sure: the data as of the last fsync/fdatasync. */
    public synced: Buffer = Buffer.alloc(0),
  ) {}
}
type Entry = Inode | 'dir';
/** A change to a directory's entries; durable once that directory is fsync'd. */
type DirOp = { dir: string; apply(entries: Map<string, Entry>): void };

function fsError(code: string, path: string): Error {
  return Object.assign(new Error(`${code}: ${path}`), { code });
}

/**
 * An in-memory file system that, like SQLite's crash-test VFS, loses at a power cut whatever
 * was not made durable: file bytes not followed by fsync/fdatasync (a random prefix of them
 * may survive, sometimes as zeros, as on a real disk), and creates, renames, unlinks and
 * mkdirs in a directory not followed by an fsync of that directory (a random prefix of those,
 * in order, may survive, as a journaling file system's metadata log would). The cut comes at
 * the `cutAt`-th call that changes something; from then on every call throws PowerCut.
 * `afterReboot()` is the disk as the next start finds it.
 */
export class CrashFs implements StorageFs {
  /** Calls that changed something so far (what `cutAt` counts). */
  changes = 0;
  /** `write` calls so far. */
  writes = 0;
  /** The `write` call that finds the disk full: it writes part of its bytes, then throws ENOSPC. */
  fullAtWrite = Infinity;
  /**
   * What a power cut keeps of the bytes written since a file's last sync: a random prefix
   * (`random`), or all of them (`all`: the kernel had written everything back).
   */
  unsynced: 'random' | 'all' = 'random';
  private live: Map<string, Entry>;
  private durable: Map<string, Entry>;
  private pendingDirOps: DirOp[] = [];
  private image: Map<string, Entry> | null = null;

  constructor(
    private readonly cutAt = Infinity,
    private readonly seed = 1,
    start?: Map<string, Entry>,
  ) {
    this.live = new Map(start ?? [['/', 'dir']]);
    this.durable = new Map(this.live);
  }

  /** A start image holding these (durable, empty) folders, as a disk the studio is given. */
  static folders(...dirs: string[]): Map<string, Entry> {
    return new Map<string, Entry>([['/', 'dir'], ...dirs.map((d): [string, Entry] => [d, 'dir'])]);
  }

  get poweredOff(): boolean {
    return this.image !== null;
  }

  /** The disk after the power cut (or, without one, after a clean power-off that loses the unsynced). */
  afterReboot(): CrashFs {
    const image = this.image ?? this.crashImage();
    return new CrashFs(Infinity, this.seed + 1, image);
  }

  /** A copy of this disk as it is now (all of it durable) whose power goes at the `cutAt`-th change. */
  copyWithCutAt(cutAt: number, seed = this.seed): CrashFs {
    const copies = new Map<Inode, Inode>();
    const image = new Map<string, Entry>();
    for (const [path, entry] of this.live) {
      if (entry === 'dir') image.set(path, 'dir');
      else {
        if (!copies.has(entry)) copies.set(entry, new Inode(Buffer.from(entry.data), Buffer.from(entry.data)));
        image.set(path, copies.get(entry)!);
      }
    }
    return new CrashFs(cutAt, seed, image);
  }

  private change(): void {
    if (this.image) throw new PowerCut();
    this.changes += 1;
    if (this.changes >= this.cutAt) {
      this.image = this.crashImage();
      throw new PowerCut();
    }
  }

  private alive(): void {
    if (this.image) throw new PowerCut();
  }

  private crashImage(): Map<string, Entry> {
    const random = mulberry32(this.seed * 7919 + this.changes);
    const entries = new Map(this.durable);
    const survivingOps = Math.floor(random() * (this.pendingDirOps.length + 1));
    for (const op of this.pendingDirOps.slice(0, survivingOps)) op.apply(entries);
    const image = new Map<string, Entry>([['/', 'dir']]);
    const copies = new Map<Inode, Inode>();
    for (const [path, entry] of entries) {
      if (!reachable(entries, path)) continue;
      if (entry === 'dir') {
        image.set(path, 'dir');
        continue;
      }
      let copy = copies.get(entry);
      if (!copy) {
        const kept = survivingBytes(entry, this.unsynced === 'all' ? () => 0.9999 : random);
        copy = new Inode(kept, Buffer.from(kept));
        copies.set(entry, copy);
      }
      image.set(path, copy);
    }
    return image;
  }

  private dirOp(path: string, apply: DirOp['apply']): void {
    apply(this.live);
    this.pendingDirOps.push({ dir: dirname(path), apply });
  }

  private file(path: string): Inode {
    const entry = this.live.get(path);
    if (entry === undefined) throw fsError('ENOENT', path);
    if (entry === 'dir') throw fsError('EISDIR', path);
    return entry;
  }

  private parentMustExist(path: string): void {
    if (this.live.get(dirname(path)) !== 'dir') throw fsError('ENOENT', path);
  }

  async open(path: string, mode: 'append' | 'replace' | 'exclusive'): Promise<StorageFile> {
    this.alive();
    let inode = this.live.get(path);
    if (inode === 'dir') throw fsError('EISDIR', path);
    if (inode && mode === 'exclusive') throw fsError('EEXIST', path);
    if (!inode) {
      this.parentMustExist(path);
      this.change();
      const created = new Inode();
      this.dirOp(path, (m) => m.set(path, created));
      inode = created;
    } else if (mode === 'replace') {
      this.change();
      inode.data = Buffer.alloc(0);
    }
    return new CrashFile(this, inode);
  }

  /** For CrashFile: every file call goes through the same power switch. */
  touch(changes: boolean): void {
    if (changes) this.change();
    else this.alive();
  }

  /** For CrashFile: how much of a write fits (all of it, or part when this write finds the disk full). */
  room(bytes: number): number {
    this.writes += 1;
    return this.writes === this.fullAtWrite ? Math.floor(bytes / 2) : bytes;
  }

  async readFile(path: string): Promise<Buffer> {
    this.alive();
    return Buffer.from(this.file(path).data);
  }

  async rename(from: string, to: string): Promise<void> {
    this.alive();
    const inode = this.file(from);
    this.parentMustExist(to);
    this.change();
    this.dirOp(to, (m) => {
      m.delete(from);
      m.set(to, inode);
    });
  }

  async link(from: string, to: string): Promise<void> {
    this.alive();
    const inode = this.file(from);
    if (this.live.has(to)) throw fsError('EEXIST', to);
    this.change();
    this.dirOp(to, (m) => m.set(to, inode));
  }

  async unlink(path: string): Promise<void> {
    this.alive();
    this.file(path);
    this.change();
    this.dirOp(path, (m) => m.delete(path));
  }

  async syncDirectory(dir: string): Promise<void> {
    this.alive();
    if (this.live.get(dir) !== 'dir') throw fsError('ENOENT', dir);
    this.change();
    const rest: DirOp[] = [];
    for (const op of this.pendingDirOps) {
      if (op.dir === dir) op.apply(this.durable);
      else rest.push(op);
    }
    this.pendingDirOps = rest;
  }

  async mkdir(dir: string): Promise<void> {
    this.alive();
    if (this.live.get(dir) === 'dir') return;
    if (this.live.has(dir)) throw fsError('EEXIST', dir);
    if (dir !== '/' && this.live.get(dirname(dir)) !== 'dir') await this.mkdir(dirname(dir));
    this.change();
    this.dirOp(dir, (m) => m.set(dir, 'dir'));
  }

  async readdir(dir: string): Promise<string[]> {
    this.alive();
    if (this.live.get(dir) !== 'dir') throw fsError('ENOENT', dir);
    const prefix = dir.endsWith('/') ? dir : `${dir}/`;
    return [...this.live.keys()].filter((p) => p.startsWith(prefix) && !p.slice(prefix.length).includes('/') && p !== dir).map((p) => p.slice(prefix.length));
  }

  async kind(path: string): Promise<'file' | 'directory' | null> {
    this.alive();
    const entry = this.live.get(path);
    return entry === undefined ? null : entry === 'dir' ? 'directory' : 'file';
  }
}

class CrashFile implements StorageFile {
  private closed = false;
  constructor(
    private readonly fs: CrashFs,
    private readonly inode: Inode,
  ) {}

  private check(changes: boolean): void {
    if (this.closed) throw fsError('EBADF', 'closed file');
    this.fs.touch(changes);
  }

  async write(data: Uint8Array): Promise<void> {
    this.check(true);
    const fits = this.fs.room(data.length);
    this.inode.data = Buffer.concat([this.inode.data, data.subarray(0, fits)]);
    if (!this.inode.written || this.inode.data.length >= this.inode.written.length) this.inode.written = this.inode.data;
    if (fits < data.length) throw fsError('ENOSPC', 'no space left on device, write');
  }

  async datasync(): Promise<void> {
    this.check(true);
    this.inode.synced = Buffer.from(this.inode.data);
    this.inode.written = null;
  }

  async sync(): Promise<void> {
    await this.datasync();
  }

  async truncate(length: number): Promise<void> {
    this.check(true);
    this.inode.data = Buffer.from(this.inode.data.subarray(0, length));
  }

  async read(): Promise<Buffer> {
    this.check(false);
    return Buffer.from(this.inode.data);
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

/** The synced bytes, plus a random prefix of the unsynced ones (zeroed now and then). */
function survivingBytes(inode: Inode, random: () => number): Buffer {
  const { synced } = inode;
  const data = inode.written && inode.written.length > inode.data.length ? inode.written : inode.data;
  if (data.length >= synced.length && data.subarray(0, synced.length).equals(synced)) {
    const extra = data.subarray(synced.length, synced.length + Math.floor(random() * (data.length - synced.length + 1)));
    return Buffer.concat([synced, random() < 0.2 ? Buffer.alloc(extra.length) : extra]);
  }
  return Buffer.from(random() < 0.5 ? synced : data); // truncated or rewritten since the sync
}

function reachable(entries: Map<string, Entry>, path: string): boolean {
  for (let dir = dirname(path); dir !== '/' && dir !== '.'; dir = dirname(dir)) {
    if (entries.get(dir) !== 'dir') return false;
  }
  return true;
}
