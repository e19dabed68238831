import { link, mkdir, open, readdir, readFile, rename, stat, unlink, type FileHandle } from 'node:fs/promises';

/** An open file of the storage layer: journals append to it, documents write it whole. */
export interface StorageFile {
  /** Writes all of `data` at the end (append handles) or at the current position. */
  write(data: Uint8Array): Promise<void>;
  /** Makes the file's data durable (fdatasync): what a journal waits for before it acknowledges. */
  datasync(): Promise<void>;
  /** Makes data and metadata durable (fsync). */
  sync(): Promise<void>;
  truncate(length: number): Promise<void>;
  /** The whole file as it is now. */
  read(): Promise<Buffer>;
  close(): Promise<void>;
}

/**
 * The few file-system calls the storage layer makes (journals, documents, the lock). The
 * studio runs on `nodeFileSystem`; the power-loss tests run on a file system that forgets
 * everything not made durable by `datasync`/`sync` (file data) or `syncDirectory` (a
 * create, rename or unlink) when it "loses power", the way SQLite's crash-test VFS does.
 * Errors carry Node's `code` (ENOENT, EEXIST, ENOSPC…).
 */
export interface StorageFs {
  /** `append` creates if needed; `replace` creates or empties; `exclusive` fails with EEXIST. */
  open(path: string, mode: 'append' | 'replace' | 'exclusive'): Promise<StorageFile>;
  readFile(path: string): Promise<Buffer>;
  /** Atomically replaces `to` when it exists. */
  rename(from: string, to: string): Promise<void>;
  /** A second name for a file; fails with EEXIST when `to` exists (an atomic exclusive create). */
  link(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  /** fsync of a directory: makes the creates, renames and unlinks inside it durable. */
  syncDirectory(dir: string): Promise<void>;
  /** Creates the folder and its parents; resolves when it exists. */
  mkdir(dir: string): Promise<void>;
  readdir(dir: string): Promise<string[]>;
  /** 'file', 'directory' or null when nothing is there. */
  kind(path: string): Promise<'file' | 'directory' | null>;
}

const flags = { append: 'a+', replace: 'w', exclusive: 'wx' } as const;

class NodeFile implements StorageFile {
  constructor(private readonly handle: FileHandle) {}
  write(data: Uint8Array): Promise<void> {
    return this.handle.writeFile(data);
  }
  datasync(): Promise<void> {
    return this.handle.datasync();
  }
  sync(): Promise<void> {
    return this.handle.sync();
  }
  truncate(length: number): Promise<void> {
    return this.handle.truncate(length);
  }
  async read(): Promise<Buffer> {
    const { size } = await this.handle.stat();
    const buffer = Buffer.alloc(size);
    let offset = 0;
    while (offset < size) {
      const { bytesRead } = await this.handle.read(buffer, offset, size - offset, offset);
      if (bytesRead === 0) break;
      offset += bytesRead;
    }
    return buffer.subarray(0, offset);
  }
  close(): Promise<void> {
    return this.handle.close();
  }
}

/** The real file system. */
export const nodeFileSystem: StorageFs = {
  open: async (path, mode) => new NodeFile(await open(path, flags[mode])),
  readFile: (path) => readFile(path),
  rename: (from, to) => rename(from, to),
  link: (from, to) => link(from, to),
  unlink: (path) => unlink(path),
  async syncDirectory(dir) {
    let handle: FileHandle | undefined;
    try {
      handle = await open(dir, 'r');
      await handle.sync();
    } catch (error) {
      // Windows cannot open a directory for fsync; its renames are durable without it.
      if (!isCode(error, 'EISDIR', 'EPERM', 'EACCES', 'EINVAL')) throw error;
    } finally {
      await handle?.close();
    }
  },
  mkdir: async (dir) => {
    await mkdir(dir, { recursive: true });
  },
  readdir: (dir) => readdir(dir),
  async kind(path) {
    try {
      return (await stat(path)).isDirectory() ? 'directory' : 'file';
    } catch (error) {
      if (isCode(error, 'ENOENT', 'ENOTDIR')) return null;
      throw error;
    }
  },
};

export function isCode(error: unknown, ...codes: string[]): boolean {
  return typeof error === 'object' && error !== null && codes.includes((error as { code?: string }).code ?? '');
}
