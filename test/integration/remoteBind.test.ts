import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { serveStudio, type ServedStudio } from '../e2e/harness';
import { makeNetns, netnsUnavailable, type Netns } from '../helpers/netns';
import { tempDir } from '../helpers/tempProject';

// `studio serve --bind 0.0.0.0` as a lead runs it on a machine with a LAN address: inside a
// network namespace the test makes, so nothing outside it is touched.

const probe = resolve(import.meta.dirname, '../helpers/hostProbe.mjs');

const unavailable = netnsUnavailable();
if (unavailable) console.warn(`[remoteBind] not run: ${unavailable}`);

describe.skipIf(unavailable !== null)('bound to 0.0.0.0 in a network namespace with a LAN address', () => {
  let netns: Netns;
  let studio: ServedStudio;
  beforeAll(async () => {
    netns = await makeNetns();
    const rendererDir = join(await tempDir(), 'renderer');
    await mkdir(rendererDir);
    await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>studio</title>');
    studio = await serveStudio({ args: ['--bind', '0.0.0.0'], env: { STUDIO_RENDERER_DIR: rendererDir }, spawn: netns.spawn });
  });
  afterAll(async () => {
    await studio?.stop();
    await netns?.remove();
  });

  it('prints a URL at a LAN address; pages and the bridge answer every address of the machine and refuse a foreign Host', async () => {
    const url = new URL(studio.url);
    expect([netns.address, netns.peer]).toContain(url.hostname);
    expect(studio.urls.map((u) => new URL(u).hostname).sort()).toEqual(['10.77.0.2', '10.77.0.3', '127.0.0.1']);
    const port = studio.port;
    const hosts = [`10.77.0.2:${port}`, `10.77.0.3:${port}`, `127.0.0.1:${port}`, `localhost:${port}`, `evil.example:${port}`, `192.168.1.20:${port}`];
    const { stdout } = await netns.run(process.execPath, [probe, JSON.stringify({ address: netns.address, port, path: url.pathname, token: url.searchParams.get('token'), hosts })]);
    const answers = JSON.parse(stdout);
    for (const host of hosts.slice(0, 4)) expect(answers[host], host).toEqual({ page: 200, bridge: 'open' });
    for (const host of hosts.slice(4)) expect(answers[host], host).toEqual({ page: 421, bridge: 401 });
  });
});
