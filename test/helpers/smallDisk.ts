import { execFileSync } from 'node:child_process';
import { mkdtemp, open, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real, tiny filesystem (a tmpfs) where the test can run out of disk space. Mounting needs
 * root; `smallDisk()` returns null where the machine does not allow it, and the tests that
 * need one then use the injected ENOSPC of `faultyFs` instead.
 */
export interface SmallDisk {
  dir: string;
  /** Fills the disk to the last byte with a filler file. */
  fill(): Promise<void>;
  /** Removes the filler: the disk has room again. */
  free(): Promise<void>;
  dispose(): Promise<void>;
}

export async function smallDisk(sizeKiB = 3072): Promise<SmallDisk | null> {
  const dir = await mkdtemp(join(tmpdir(), 'small-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKiB}k`, 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    await rm(dir, { recursive: true, force: true });
    return null;
  }
  const filler = join(dir, 'filler.bin');
  return {
    dir,
    async fill() {
      const handle = await open(filler, 'a');
      const chunk = Buffer.alloc(4096, 1);
      try {
        for (;;) await handle.write(chunk);
      } catch (error) {
        if ((error as { code?: string }).code !== 'ENOSPC') throw error;
      }
      try {
        for (;;) await handle.write(chunk.subarray(0, 1)); // the last partial page
      } catch {
        // full to the byte
      } finally {
        await handle.close();
      }
    },
    async free() {
      await unlink(filler).catch(() => undefined);
    },
    async dispose() {
      execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
      await rm(dir, { recursive: true, force: true });
    },
  };
}
