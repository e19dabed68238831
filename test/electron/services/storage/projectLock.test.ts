import { describe, expect, it } from 'vitest';
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
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

type RacerReply = { held: [number, number] } | { refused: string };

function startRacer(): Promise<ChildProcess> {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const child = fork(join(import.meta.dirname, 'lockRacer.ts'), [], { execArgv: ['--import', tsx], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(child));
    child.once('error', reject);
  });
}

function race(child: ChildProcess, base: string, at: number): Promise<RacerReply> {
  return new Promise((resolve) => {
    child.once('message', (reply) => resolve(reply as RacerReply));
    child.send({ base, at, holdMs: 25 });
  });
}

describe('two processes taking over a stale lock at the same instant', () => {
  it('never both hold it, over 60 races', { timeout: 120_000 }, async () => {
    const racers = await Promise.all([startRacer(), startRacer()]);
    try {
      const dead = await deadPid();
      let bothHeld = 0;
      let taken = 0;
      for (let trial = 0; trial < 60; trial++) {
        const dir = await tempDir();
        const base = join(dir, '.studio.lock');
        const stale = { pid: dead, host: hostname(), since: '2026-01-01T00:00:00Z', purpose: 'crashed studio', token: `stale-${trial}` };
        await writeFile(base, JSON.stringify(stale)); // as a studio before the lock chain left it
        await writeFile(`${base}.${trial + 1}`, JSON.stringify(stale));
        const at = performance.timeOrigin + performance.now() + 40;
        const [a, b] = await Promise.all(racers.map((r) => race(r, base, at)));
        if ('held' in a) taken++;
        if ('held' in b) taken++;
        if ('held' in a && 'held' in b && a.held[0] < b.held[1] && b.held[0] < a.held[1]) bothHeld++;
      }
      expect(bothHeld, 'races in which both processes held the lock at once').toBe(0);
      expect(taken, 'the stale lock was taken over').toBeGreaterThanOrEqual(60);
    } finally {
      for (const r of racers) r.kill();
    }
  });
});
