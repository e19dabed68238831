import { afterEach } from 'vitest';
import { request as httpRequest } from 'node:http';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { startStudioServer, type RunningServer, type StudioServerOptions } from '../../../electron/server/StudioServer';
import { testStudio } from '../../helpers/studio';

// A real studio behind the browser-mode server, for the server's tests.

const servers: RunningServer[] = [];
afterEach(async () => {
  while (servers.length) await servers.pop()!.close();
});

/** Serves a test studio; `cookie` is what the first visit of the token URL set. */
export async function served(options: Partial<StudioServerOptions> = {}) {
  const studio = await testStudio('browser');
  const rendererDir = join(studio.root, 'renderer');
  await mkdir(rendererDir);
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>studio</title>');
  const server = await startStudioServer({ registry: studio.registry, events: studio.events, images: studio.images, uploads: studio.uploads, rendererDir, ...options });
  servers.push(server);
  if (options.tls) return { studio, server, cookie: '' }; // fetch() refuses a test's self-signed certificate
  // The last URL is an address (the first may be a name the lead gave, unknown to this machine's DNS).
  const first = await fetch(server.urlsWithToken.at(-1)!, { redirect: 'manual' });
  const cookie = first.headers.get('set-cookie')!.split(';')[0];
  return { studio, server, cookie };
}

/** A request with headers fetch() will not set (Host), to the given address and port. */
export function rawGet(address: string, port: number, path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    httpRequest({ host: address, port, path, headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    })
      .on('error', reject)
      .end();
  });
}

export function connect(url: string, headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}
