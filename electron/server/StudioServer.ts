import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import sirv from 'sirv';
import { WebSocketServer } from 'ws';
import { StudioError } from '../../shared/contract/channel';
import { bridgePath, imageVariants, type ImageVariant } from '../../shared/contract/bridge';
import type { HandlerRegistry } from '../services/rpc/HandlerRegistry';
import type { EventHub } from '../services/rpc/EventHub';
import { attachBridge } from './bridge';
import { receiveUpload, type UploadFolder } from './uploads';
import { cookieToken, hostAllowed, newSessionToken, securityHeaders, TOKEN_COOKIE, tokenMatches } from './security';

export type ImageSource = (sampleId: string, variant: ImageVariant) => Promise<{ data: Buffer; mime: string }>;

export interface StudioServerOptions {
  registry: HandlerRegistry;
  events: EventHub;
  images: ImageSource;
  /** Where dropped files uploaded from a browser tab are saved (inside the open project). */
  uploads: UploadFolder;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  port?: number;
  /** 127.0.0.1 unless the lead opts in to let others on the network label. */
  bind?: string;
  token?: string;
}

export interface RunningServer {
  url: string;
  /** The URL with the session token: the only way in. */
  urlWithToken: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Browser mode: the same services behind HTTP (renderer files, images by id) and a
 * WebSocket bridge carrying the contract. Every request must carry the session token, as a
 * `?token=` on the first page load (which sets an HttpOnly, SameSite=Strict cookie) or the
 * cookie itself; everything else gets 401.
 */
export async function startStudioServer(options: StudioServerOptions): Promise<RunningServer> {
  const token = options.token ?? newSessionToken();
  const bind = options.bind ?? '127.0.0.1';
  if (!existsSync(options.rendererDir)) {
    throw new StudioError('not-found', `The renderer is not built (${options.rendererDir} is missing).`, 'Run `npm run build` first.');
  }
  const statics = sirv(options.rendererDir, { dev: false, etag: true, single: true, dotfiles: false, setHeaders: applySecurityHeaders });
  const allowedHosts = new Set<string>();

  const server = createServer((request, response) => {
    if (!hostAllowed(request, allowedHosts) && bind === '127.0.0.1') return refuse(response, 421, 'Unexpected Host header.');
    const url = new URL(request.url ?? '/', 'http://studio.invalid');
    const queryToken = url.searchParams.get('token');
    if (tokenMatches(token, queryToken)) {
      response.setHeader('Set-Cookie', `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`);
    } else if (!tokenMatches(token, cookieToken(request))) {
      return refuse(response, 401, 'This studio session needs its token. Open the URL that `studio serve` printed.');
    }
    const upload = /^\/upload\/([A-Za-z0-9_-]{1,64})$/.exec(url.pathname);
    if (upload && request.method === 'POST') {
      if (request.headers.origin && !allowedOrigins(allowedHosts).has(request.headers.origin)) return refuse(response, 403, 'Cross-origin upload refused.');
      return void receiveUpload(request, response, upload[1], options.uploads).catch((error: unknown) =>
        refuse(response, error instanceof StudioError && error.code !== 'io' ? 400 : 500, (error as Error).message),
      );
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(response, 405, 'Method not allowed.');
    const image = /^\/image\/([A-Za-z0-9_-]{1,64})\/([a-z]+)$/.exec(url.pathname);
    if (image) return void serveImage(options.images, image[1], image[2], response);
    statics(request, response, () => refuse(response, 404, 'Not found.'));
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://studio.invalid');
    const originOk = !request.headers.origin || allowedOrigins(allowedHosts).has(request.headers.origin);
    const authorised = tokenMatches(token, cookieToken(request)) || tokenMatches(token, url.searchParams.get('token'));
    if (url.pathname !== bridgePath || !authorised || !originOk || (!hostAllowed(request, allowedHosts) && bind === '127.0.0.1')) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => attachBridge(ws, options.registry, options.events));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, bind, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  for (const name of [bind, 'localhost', '127.0.0.1']) allowedHosts.add(`${name}:${port}`);
  const shownHost = bind === '0.0.0.0' ? '127.0.0.1' : bind;
  const url = `http://${shownHost}:${port}/`;
  return {
    url,
    urlWithToken: `${url}?token=${token}`,
    token,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function applySecurityHeaders(response: ServerResponse): void {
  for (const [name, value] of Object.entries(securityHeaders)) response.setHeader(name, value);
}

function allowedOrigins(hosts: ReadonlySet<string>): Set<string> {
  return new Set([...hosts].map((h) => `http://${h}`));
}

function refuse(response: ServerResponse, status: number, message: string): void {
  if (response.headersSent) return void response.end();
  applySecurityHeaders(response);
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  response.end(`${message}\n`);
}

async function serveImage(images: ImageSource, id: string, variant: string, response: ServerResponse): Promise<void> {
  if (!(imageVariants as readonly string[]).includes(variant)) return refuse(response, 404, `Unknown image variant ${variant}.`);
  try {
    const { data, mime } = await images(id, variant as ImageVariant);
    applySecurityHeaders(response);
    response.writeHead(200, { 'Content-Type': mime, 'Content-Length': data.length, 'Cache-Control': 'private, max-age=3600' });
    response.end(data);
  } catch (error) {
    const status = error instanceof StudioError && (error.code === 'not-found' || error.code === 'no-project') ? 404 : 500;
    refuse(response, status, error instanceof Error ? error.message : 'The image could not be read.');
  }
}

export type { IncomingMessage };
