import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createHash, webcrypto } from 'node:crypto';
import { inMemoryFileBytes } from './limits';
import { ImportRejection } from './rejection';

const syncHashBytes = 1024 * 1024;

export interface HashedFile {
  /** The file's bytes when small enough to hold; null for big files (decoded from the path). */
  bytes: Buffer | null;
  /** sha256 of the bytes, 64 hex digits. */
  hash: string;
  size: number;
}

/**
 * Reads a file and hashes its content. WebCrypto's digest runs on the libuv pool, so hashing
 * thousands of files never holds up the event loop; big files are hashed as they stream in.
 */
export async function readAndHash(path: string, size: number): Promise<HashedFile> {
  try {
    if (size <= inMemoryFileBytes) {
      const bytes = await readFile(path);
      // Below 1 MiB hashing here takes well under a millisecond, less than a hop to the pool.
      const hash = bytes.length <= syncHashBytes ? createHash('sha256').update(bytes).digest('hex') : Buffer.from(await webcrypto.subtle.digest('SHA-256', bytes)).toString('hex');
      return { bytes, hash, size: bytes.length };
    }
    const hasher = createHash('sha256');
    let streamed = 0;
    for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
      hasher.update(chunk as Buffer);
      streamed += (chunk as Buffer).length;
    }
    return { bytes: null, hash: hasher.digest('hex'), size: streamed };
  } catch (error) {
    throw unreadable(error);
  }
}

export function unreadable(error: unknown): ImportRejection {
  const code = (error as { code?: string }).code;
  const detail =
    code === 'EACCES' || code === 'EPERM'
      ? 'Permission denied.'
      : code === 'ENOENT'
        ? 'The file disappeared before it could be read.'
        : code === 'EISDIR'
          ? 'This is a folder, not a file.'
          : `It could not be read (${code ?? (error as Error).message}).`;
  return new ImportRejection('unreadable', detail);
}
