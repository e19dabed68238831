import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { writeFile, readFile, readdir } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { ProjectLock } from '../../../../electron/services/storage/ProjectLock';
import { tempDir } from '../../../helpers/tempProject';

function deadPid(): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', '0']);
    child.on('exit', () => resolve(child.pid!));
  });
}

describe('project lock', () => {
  it('a second process opening the project for writing gets a clear message naming the owner', async () => {
    const dir = await tempDir();
    const path = join(dir, '.studio.lock');
    const owner = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      await writeFile(path, JSON.stringify({ pid: owner.pid, host: hostname(), since: '2026-01-01T00:00:00Z', purpose: 'studio serve' }));
      await expect(ProjectLock.acquire(path, 'cli label')).rejects.toThrow(`open in another studio process (pid ${owner.pid}`);
    } finally {
      owner.kill();
    }
  });

  it('a lock left by a crashed process is taken over at once', async () => {
    const dir = await tempDir();
    const path = join(dir, '.studio.lock');
    await writeFile(path, JSON.stringify({ pid: await deadPid(), host: hostname(), since: 'x', purpose: 'studio serve' }));
    await writeFile(`${path}.4`, JSON.stringify({ pid: await deadPid(), host: hostname(), since: 'x', purpose: 'studio serve', token: 'dead' }));
    const lock = await ProjectLock.acquire(path, 'reopen after crash');
    expect(await readdir(dir)).toEqual(['.studio.lock.5']); // the stale lock and the one before the chain are gone
    expect(JSON.parse(await readFile(`${path}.5`, 'utf8')).pid).toBe(process.pid);
    await lock.release();
    expect(JSON.parse(await readFile(`${path}.6`, 'utf8'))).toMatchObject({ pid: process.pid, free: true });
  });

  it('the same process cannot open the project twice', async () => {
    const dir = await tempDir();
    const path = join(dir, '.studio.lock');
    const lock = await ProjectLock.acquire(path, 'first');
    await expect(ProjectLock.acquire(path, 'second')).rejects.toThrow(/already open in this studio/);
    await lock.release();
    const again = await ProjectLock.acquire(path, 'third');
    await again.release();
  });
});
