import { afterEach, describe, expect, it } from 'vitest';
import { request as httpRequest } from 'node:http';
import { mkdir, writeFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { startStudioServer, type RunningServer } from '../../../electron/server/StudioServer';
import { testStudio } from '../../helpers/studio';

const servers: RunningServer[] = [];
afterEach(async () => {
  while (servers.length) await servers.pop()!.close();
});

async function served() {
  const studio = await testStudio('browser');
  const rendererDir = join(studio.root, 'renderer');
  await mkdir(rendererDir);
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>studio</title>');
  const server = await startStudioServer({ registry: studio.registry, events: studio.events, images: studio.images, uploads: studio.uploads, rendererDir });
  servers.push(server);
  const cookie = `studio_token=${server.token}`;
  return { studio, server, cookie };
}

function rawGet(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    httpRequest(url, { headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).on('error', reject).end();
  });
}

function connect(server: RunningServer, headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/bridge`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

function ask(ws: WebSocket, message: unknown): Promise<any> {
  return new Promise((resolve) => {
    const id = (message as { id?: number }).id;
    const onMessage = (data: Buffer) => {
      const parsed = JSON.parse(String(data));
      if (parsed.type === 'response' && parsed.id === id) {
        ws.off('message', onMessage);
        resolve(parsed.result);
      }
    };
    ws.on('message', onMessage);
    ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  });
}

describe('browser mode server', () => {
  it('refuses every request without the session token', async () => {
    const { server } = await served();
    const page = await fetch(server.url);
    expect(page.status).toBe(401);
    expect(await page.text()).toMatch(/needs its token/);
    expect((await fetch(`${server.url}image/abc/thumb`)).status).toBe(401);
    expect((await fetch(`${server.url}?token=wrong`)).status).toBe(401);
  });

  it('the token URL sets an HttpOnly SameSite cookie and every page carries a strict CSP', async () => {
    const { server, cookie } = await served();
    const first = await fetch(server.urlWithToken);
    expect(first.status).toBe(200);
    expect(first.headers.get('set-cookie')).toMatch(/studio_token=.*HttpOnly; SameSite=Strict/);
    expect(first.headers.get('content-security-policy')).toMatch(/default-src 'none'; script-src 'self'/);
    const next = await fetch(`${server.url}some/route`, { headers: { cookie } });
    expect(next.status).toBe(200); // single-page fallback
    expect(await next.text()).toContain('<title>studio</title>');
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const { server, cookie } = await served();
    expect(await rawGet(server.url, { cookie, host: 'evil.example:80' })).toBe(421);
  });

  it('the bridge refuses sockets without the token or from another origin', async () => {
    const { server, cookie } = await served();
    await expect(connect(server, {})).rejects.toThrow(/401/);
    await expect(connect(server, { cookie, origin: 'http://evil.example' })).rejects.toThrow(/401/);
  });

  it('the bridge carries the contract: requests answered, bad messages refused, events pushed', async () => {
    const { studio, server, cookie } = await served();
    const ws = await connect(server, { cookie, origin: `http://127.0.0.1:${server.port}` });
    const info = await ask(ws, { type: 'request', id: 1, channel: 'app:info', payload: {} });
    expect(info).toMatchObject({ ok: true, value: { mode: 'browser' } });
    const bad = await ask(ws, { type: 'request', id: 2, channel: 'labels:set', payload: { sampleId: 7 } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    const malformed = await ask(ws, { type: 'nonsense', id: 3 });
    expect(malformed).toMatchObject({ ok: false, error: { message: 'Malformed bridge message.' } });
    const event = new Promise((resolve) => ws.once('message', (d) => resolve(JSON.parse(String(d)))));
    await ask(ws, { type: 'request', id: 4, channel: 'project:create', payload: { dir: join(studio.root, 'bridge-project') } });
    expect(await event).toMatchObject({ type: 'event', channel: 'project:changed' });
    ws.close();
  });

  it('uploads land inside the open project and hostile paths are refused', async () => {
    const { studio, server, cookie } = await served();
    await studio.call('project:create', { dir: join(studio.root, 'p') });
    const ok = await fetch(`${server.url}upload/batch1`, { method: 'POST', headers: { cookie, 'x-relative-path': encodeURIComponent('cats/one.png') }, body: 'pixels' });
    expect(ok.status).toBe(200);
    const { dir } = (await ok.json()) as { dir: string };
    expect(dir).toBe(join(studio.root, 'p', 'uploads', 'batch1'));
    expect(await readFile(join(dir, 'cats', 'one.png'), 'utf8')).toBe('pixels');
    for (const hostile of ['../../escape.png', '/etc/passwd', 'a/../../b.png', '.hidden/x.png', 'C:\\win.png']) {
      const res = await fetch(`${server.url}upload/batch1`, { method: 'POST', headers: { cookie, 'x-relative-path': encodeURIComponent(hostile) }, body: 'x' });
      expect(res.status, hostile).toBe(400);
    }
  });
});
