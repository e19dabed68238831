import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { existsSync } from 'node:fs';
import sirv from 'sirv';
import { WebSocketServer } from 'ws';
import { StudioError } from '../../shared/contract/channel';
import { imageVariants, type ImageVariant } from '../../shared/contract/bridge';
import type { HandlerRegistry } from '../services/rpc/HandlerRegistry';
import type { EventHub } from '../services/rpc/EventHub';
import { attachBridge } from './bridge';
import { receiveUpload, type UploadFolder } from './uploads';
import { allowedHostHeaders, hostHeader, reachableAddresses, shownAddress, type InterfaceList } from './hosts';
import { cookieToken, hostAllowed, newSessionScope, newSessionToken, securityHeaders, sessionCookie, tokenMatches, type SessionScope } from './security';

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
  /** Serve HTTPS with the lead's certificate (PEM). */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** Names others reach this machine by (its DNS name, the one on the certificate): accepted as Host, the first one printed. */
  hostNames?: readonly string[];
  /** The machine's interfaces (a test passes its own). */
  interfaces?: InterfaceList;
}

export interface RunningServer {
  /** The session's address, for people to open (without the token). */
  url: string;
  /** The URL with the session token: the only way in. */
  urlWithToken: string;
  /** The same session at every address the studio answers on (bound to 0.0.0.0: each interface). */
  urlsWithToken: string[];
  /** The WebSocket bridge of this session (pass `?token=` or the cookie). */
  bridgeUrl: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Browser mode: the same services behind HTTP(S) (renderer files, images by id) and a
 * WebSocket bridge carrying the contract, all under the session's random path. Every
 * request must carry the session token, as a `?token=` on the first page load (which sets
 * an HttpOnly, SameSite=Strict cookie scoped to the session's path and port) or the cookie
 * itself; everything else gets 401. Host headers other than the addresses the studio
 * answers on get 421, pages included; foreign Origins are refused.
 */
export async function startStudioServer(options: StudioServerOptions): Promise<RunningServer> {
  const token = options.token ?? newSessionToken();
  const bind = options.bind ?? '127.0.0.1';
  const interfaces = options.interfaces ?? networkInterfaces;
  const scheme = options.tls ? 'https' : 'http';
  if (!existsSync(options.rendererDir)) {
    throw new StudioError('not-found', `The renderer is not built (${options.rendererDir} is missing).`, 'Run `npm run build` first.');
  }
  const statics = sirv(options.rendererDir, { dev: false, etag: true, single: true, dotfiles: false, setHeaders: applySecurityHeaders });
  // Filled in once the port is known (port 0 means "any free one").
  let scope: SessionScope = newSessionScope(0, options.tls !== undefined);
  let allowedHosts = new Set<string>();
  const originAllowed = (origin: string | undefined): boolean => !origin || [...allowedHosts].some((h) => origin.toLowerCase() === `${scheme}://${h}`);
  const authorised = (request: IncomingMessage, url: URL): boolean => tokenMatches(token, cookieToken(request, scope.cookieName)) || tokenMatches(token, url.searchParams.get('token'));

  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    if (!hostAllowed(request, allowedHosts)) return refuse(response, 421, 'Unexpected Host header: open the address `studio serve` printed.');
    const url = new URL(request.url ?? '/', 'http://studio.invalid');
    if (!url.pathname.startsWith(scope.path)) {
      // The root (or an old link) with the token: into the session, the cookie set on the way.
      if (!tokenMatches(token, url.searchParams.get('token'))) return refuse(response, 401, 'This studio session needs its token. Open the URL that `studio serve` printed.');
      response.setHeader('Set-Cookie', sessionCookie(scope, token));
      applySecurityHeaders(response);
      response.writeHead(302, { Location: scope.path });
      return void response.end();
    }
    if (tokenMatches(token, url.searchParams.get('token'))) response.setHeader('Set-Cookie', sessionCookie(scope, token));
    else if (!authorised(request, url)) return refuse(response, 401, 'This studio session needs its token. Open the URL that `studio serve` printed.');
    const path = `/${url.pathname.slice(scope.path.length)}`;
    const upload = /^\/upload\/([A-Za-z0-9_-]{1,64})$/.exec(path);
    if (upload && request.method === 'POST') {
      if (!originAllowed(request.headers.origin)) return refuse(response, 403, 'Cross-origin upload refused.');
      return void receiveUpload(request, response, upload[1], options.uploads).catch((error: unknown) =>
        refuse(response, error instanceof StudioError && error.code !== 'io' ? 400 : 500, (error as Error).message),
      );
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(response, 405, 'Method not allowed.');
    const image = /^\/image\/([A-Za-z0-9_-]{1,64})\/([a-z]+)$/.exec(path);
    if (image) return void serveImage(options.images, image[1], image[2], response);
    request.url = `${path}${url.search}`; // the renderer's files, relative to the session path
    statics(request, response, () => refuse(response, 404, 'Not found.'));
  };
  const server: Server = options.tls ? createTlsServer({ cert: options.tls.cert, key: options.tls.key }, handle) : createServer(handle);

  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://studio.invalid');
    if (url.pathname !== `${scope.path}bridge` || !authorised(request, url) || !originAllowed(request.headers.origin) || !hostAllowed(request, allowedHosts)) {
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
  scope = newSessionScope(port, options.tls !== undefined);
  const addresses = reachableAddresses(bind, interfaces);
  allowedHosts = allowedHostHeaders(addresses, port, { names: options.hostNames, defaultPort: options.tls ? 443 : 80 });
  const sessionUrl = (host: string) => `${scheme}://${host}${scope.path}`;
  const shown = options.hostNames?.[0] ?? shownAddress(bind, interfaces);
  const others = [...(options.hostNames ?? []), ...addresses].filter((a) => a !== shown);
  const url = sessionUrl(hostHeader(shown, port));
  return {
    url,
    urlWithToken: `${url}?token=${token}`,
    urlsWithToken: [shown, ...others].map((a) => `${sessionUrl(hostHeader(a, port))}?token=${token}`),
    bridgeUrl: `${scheme === 'https' ? 'wss' : 'ws'}://${hostHeader(shown, port)}${scope.path}bridge`,
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
