import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// A real HTTP server on 127.0.0.1 that serves model files to the download code, with the
// failures the network really produces: a connection dropped mid-body, a server that
// ignores Range requests, and (via `closedPort`) nobody listening at all.

export interface ServedRequest {
  path: string;
  range: string | null;
}

export interface ModelServer {
  url(path: string): string;
  /** Every request, in order, with its Range header. */
  readonly requests: ServedRequest[];
  /** Serve new bytes for `path` (a publisher replacing a file). */
  setFile(path: string, bytes: Uint8Array): void;
  /** The next response for `path` sends `bytes` of the body, then drops the connection. */
  dropNextAfter(path: string, bytes: number): void;
  /** Send the body of `path` in `chunk`-byte pieces `delayMs` apart (a slow network). */
  slow(path: string, chunk: number, delayMs: number): void;
  /** Answer Range requests with the whole file (200), as some servers do. */
  ignoreRange: boolean;
  close(): Promise<void>;
}

export async function startModelServer(files: Record<string, Uint8Array>): Promise<ModelServer> {
  const served = new Map(Object.entries(files));
  const drops = new Map<string, number>();
  const slow = new Map<string, { chunk: number; delayMs: number }>();
  const requests: ServedRequest[] = [];
  const state = { ignoreRange: false };
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const range = req.headers.range ?? null;
    requests.push({ path, range });
    const body = served.get(path);
    if (!body) {
      res.writeHead(404, 'Not Found').end();
      return;
    }
    let start = 0;
    const match = /^bytes=(\d+)-$/.exec(range ?? '');
    if (match && !state.ignoreRange) {
      start = Number(match[1]);
      if (start >= body.length) {
        res.writeHead(416, { 'content-range': `bytes */${body.length}` }).end();
        return;
      }
      res.writeHead(206, { 'content-length': body.length - start, 'content-range': `bytes ${start}-${body.length - 1}/${body.length}`, 'accept-ranges': 'bytes' });
    } else {
      res.writeHead(200, { 'content-length': body.length, 'accept-ranges': 'bytes' });
    }
    const drop = drops.get(path);
    if (drop !== undefined) {
      drops.delete(path);
      res.write(Buffer.from(body.subarray(start, start + drop)), () => setTimeout(() => res.socket?.destroy(), 20));
      return;
    }
    const pace = slow.get(path);
    if (pace) {
      let at = start;
      const tick = () => {
        if (res.destroyed) return;
        const next = Math.min(body.length, at + pace.chunk);
        res.write(Buffer.from(body.subarray(at, next)));
        at = next;
        if (at >= body.length) res.end();
        else setTimeout(tick, pace.delayMs);
      };
      tick();
      return;
    }
    res.end(Buffer.from(body.subarray(start)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    requests,
    setFile: (path, bytes) => served.set(path, bytes),
    dropNextAfter: (path, bytes) => drops.set(path, bytes),
    slow: (path, chunk, delayMs) => slow.set(path, { chunk, delayMs }),
    get ignoreRange() {
      return state.ignoreRange;
    },
    set ignoreRange(value: boolean) {
      state.ignoreRange = value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port nobody listens on: connecting to it is refused (ECONNREFUSED), as offline. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
