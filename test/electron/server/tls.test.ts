import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { request } from 'node:https';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { WebSocket } from 'ws';
import { tempDir } from '../../helpers/tempProject';
import { served } from './servedStudio';

const run = promisify(execFile);

/** A self-signed certificate for 127.0.0.1, made for this test with openssl. */
async function certificate(): Promise<{ cert: Buffer; key: Buffer }> {
  const dir = await tempDir();
  const [cert, key] = [join(dir, 'cert.pem'), join(dir, 'key.pem')];
  await run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1']);
  return { cert: await readFile(cert), key: await readFile(key) };
}

function get(url: string, ca: Buffer, headers: Record<string, string> = {}): Promise<{ status: number; cookie: string | undefined }> {
  return new Promise((resolve, reject) => {
    request(url, { ca, headers }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, cookie: res.headers['set-cookie']?.[0] });
    })
      .on('error', reject)
      .end();
  });
}

describe('HTTPS with the lead’s certificate', () => {
  it('serves pages and the bridge over TLS with a Secure session cookie; plain HTTP on that port gets no page', async () => {
    const tls = await certificate();
    const { server } = await served({ tls });
    expect(server.urlWithToken).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/s\//);
    const first = await get(server.urlWithToken, tls.cert);
    expect(first.status).toBe(200);
    expect(first.cookie).toMatch(new RegExp(`^studio_${server.port}=.*; HttpOnly; SameSite=Strict; Path=/s/[^;]+/; Secure$`));
    const cookie = first.cookie!.split(';')[0];
    expect((await get(`${server.url}image/x/thumb`, tls.cert, { cookie })).status).toBe(404); // authorised: no such sample
    const ws = new WebSocket(`${server.bridgeUrl}`, { ca: tls.cert, headers: { cookie, origin: `https://127.0.0.1:${server.port}` } });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    ws.close();
    expect(server.bridgeUrl).toMatch(/^wss:/);
    // An http:// Origin is another origin than the https:// page.
    const plainOrigin = new WebSocket(`${server.bridgeUrl}`, { ca: tls.cert, headers: { cookie, origin: `http://127.0.0.1:${server.port}` } });
    await expect(new Promise((resolve, reject) => plainOrigin.once('open', resolve).once('error', reject))).rejects.toThrow(/401/);
    await expect(fetch(`http://127.0.0.1:${server.port}${new URL(server.url).pathname}?token=${server.token}`)).rejects.toThrow();
  });
});
