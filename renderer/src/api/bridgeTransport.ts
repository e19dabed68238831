import type { Listener, Transport } from '../../../shared/contract';
import { bridgePath, bridgeServerMessageSchema } from '../../../shared/contract/bridge';
import type { Result } from '../../../shared/contract/channel';

type Pending = { resolve: (r: Result<unknown>) => void };

/**
 * Browser mode: the contract over one WebSocket to `studio serve`. The session token
 * arrived in the page URL and lives in an HttpOnly cookie, which the socket carries.
 * Requests made while the socket is down wait for it; a dropped socket reconnects and
 * fails the requests that were in flight (the UI shows them as not saved).
 */
export function createBridgeTransport(url = defaultBridgeUrl()): Transport & { close(): void } {
  let socket: WebSocket | null = null;
  let opened: Promise<WebSocket> | null = null;
  let nextId = 1;
  let closed = false;
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<Listener<unknown>>>();

  const connect = (): Promise<WebSocket> => {
    if (opened) return opened;
    opened = new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.onopen = () => {
        socket = ws;
        resolve(ws);
      };
      ws.onerror = () => reject(new Error('The studio server cannot be reached.'));
      ws.onclose = () => {
        socket = null;
        opened = null;
        for (const [id, p] of pending) {
          p.resolve({ ok: false, error: { code: 'io', message: 'Lost the connection to the studio server.', hint: 'Check that `studio serve` is still running.' } });
          pending.delete(id);
        }
        if (!closed) setTimeout(() => void connect().catch(() => undefined), 1000);
      };
      ws.onmessage = (event) => {
        const parsed = bridgeServerMessageSchema.safeParse(JSON.parse(String(event.data)));
        if (!parsed.success) return;
        const message = parsed.data;
        if (message.type === 'response') {
          pending.get(message.id)?.resolve(message.result as Result<unknown>);
          pending.delete(message.id);
        } else {
          for (const listener of listeners.get(message.channel) ?? []) listener(message.payload);
        }
      };
    });
    opened.catch(() => {
      opened = null;
    });
    return opened;
  };

  return {
    async invoke(channel, request) {
      let ws: WebSocket;
      try {
        ws = socket ?? (await connect());
      } catch (error) {
        return { ok: false, error: { code: 'io', message: (error as Error).message, hint: 'Check that `studio serve` is still running.' } };
      }
      const id = nextId++;
      return new Promise<Result<unknown>>((resolve) => {
        pending.set(id, { resolve });
        ws.send(JSON.stringify({ type: 'request', id, channel, payload: request }));
      });
    },
    subscribe(channel, listener) {
      let set = listeners.get(channel);
      if (!set) listeners.set(channel, (set = new Set()));
      set.add(listener);
      void connect().catch(() => undefined);
      return () => {
        set.delete(listener);
      };
    },
    close() {
      closed = true;
      socket?.close();
    },
  };
}

/** The bridge of the session this page was served from (its path, without the page's query). */
function defaultBridgeUrl(): string {
  const url = new URL(bridgePath, location.href);
  url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  url.search = '';
  return url.toString();
}
