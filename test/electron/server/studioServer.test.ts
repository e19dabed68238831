import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { WebSocket } from 'ws';
import { connect, rawGet, served } from './servedStudio';

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
    expect((await fetch(`http://127.0.0.1:${server.port}/`)).status).toBe(401);
  });

  it('the token URL sets an HttpOnly SameSite cookie named for the port and scoped to the session path; every page carries a strict CSP', async () => {
    const { server, cookie } = await served();
    const first = await fetch(server.urlWithToken);
    expect(first.status).toBe(200);
    const path = new URL(server.url).pathname;
    expect(path).toMatch(/^\/s\/[A-Za-z0-9_-]{16}\/$/);
    expect(first.headers.get('set-cookie')).toBe(`studio_${server.port}=${server.token}; HttpOnly; SameSite=Strict; Path=${path}`);
    expect(first.headers.get('content-security-policy')).toMatch(/default-src 'none'; script-src 'self'/);
    const next = await fetch(`${server.url}some/route`, { headers: { cookie } });
    expect(next.status).toBe(200); // single-page fallback
    expect(await next.text()).toContain('<title>studio</title>');
    // the old root link with the token leads into the session
    const root = await fetch(`http://127.0.0.1:${server.port}/?token=${server.token}`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe(path);
    expect(root.headers.get('set-cookie')).toContain(`Path=${path}`);
  });

  it('refuses a foreign Host header on pages and images, even with the token (DNS rebinding)', async () => {
    const { server, cookie } = await served();
    const path = new URL(server.urlWithToken).pathname;
    expect(await rawGet('127.0.0.1', server.port, path, { cookie, host: 'evil.example:80' })).toBe(421);
    expect(await rawGet('127.0.0.1', server.port, `${path}?token=${server.token}`, { host: 'evil.example' })).toBe(421);
    expect(await rawGet('127.0.0.1', server.port, `${path}image/x/thumb`, { cookie, host: `127.0.0.2:${server.port}` })).toBe(421);
    expect(await rawGet('127.0.0.1', server.port, path, { cookie, host: `localhost:${server.port}` })).toBe(200);
  });

  it('the bridge refuses sockets without the token, from another origin, or outside the session path', async () => {
    const { server, cookie } = await served();
    await expect(connect(server.bridgeUrl, {})).rejects.toThrow(/401/);
    await expect(connect(server.bridgeUrl, { cookie, origin: 'http://evil.example' })).rejects.toThrow(/401/);
    await expect(connect(`ws://127.0.0.1:${server.port}/bridge?token=${server.token}`, {})).rejects.toThrow(/401/);
    (await connect(`${server.bridgeUrl}?token=${server.token}`, { origin: `http://127.0.0.1:${server.port}` })).close();
  });

  it('the bridge carries the contract: requests answered, bad messages refused, events pushed', async () => {
    const { studio, server, cookie } = await served();
    const ws = await connect(server.bridgeUrl, { cookie, origin: `http://127.0.0.1:${server.port}` });
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

describe('bound to another address', () => {
  it('bound to 127.0.0.2, that address is the Host it answers: pages and the bridge work there, 127.0.0.1 and localhost are refused', async () => {
    const { server, cookie } = await served({ bind: '127.0.0.2' });
    expect(server.urlWithToken).toMatch(new RegExp(`^http://127\\.0\\.0\\.2:${server.port}/s/`));
    const path = new URL(server.url).pathname;
    expect(await rawGet('127.0.0.2', server.port, path, { cookie })).toBe(200);
    expect(await rawGet('127.0.0.2', server.port, path, { cookie, host: `127.0.0.1:${server.port}` })).toBe(421);
    expect(await rawGet('127.0.0.2', server.port, path, { cookie, host: `localhost:${server.port}` })).toBe(421);
    const ws = await connect(server.bridgeUrl, { cookie, origin: `http://127.0.0.2:${server.port}` });
    ws.close();
    await expect(connect(server.bridgeUrl, { cookie, origin: `http://127.0.0.1:${server.port}` })).rejects.toThrow(/401/);
  });

  it('a name the lead gives (--host-name) is accepted as Host and printed first', async () => {
    const { server, cookie } = await served({ bind: '127.0.0.3', hostNames: ['studio.lab.test'] });
    expect(server.url).toMatch(new RegExp(`^http://studio\\.lab\\.test:${server.port}/s/`));
    expect(server.urlsWithToken[1]).toMatch(/^http:\/\/127\.0\.0\.3:/);
    expect(await rawGet('127.0.0.3', server.port, new URL(server.url).pathname, { cookie, host: `studio.lab.test:${server.port}` })).toBe(200);
  });
});
