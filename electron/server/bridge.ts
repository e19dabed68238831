import type { WebSocket } from 'ws';
import { bridgeClientMessageSchema, type BridgeServerMessage } from '../../shared/contract/bridge';
import type { HandlerRegistry } from '../services/rpc/HandlerRegistry';
import type { EventHub } from '../services/rpc/EventHub';
import { openClientSession } from '../services/rpc/clientSession';

/**
 * One browser tab's end of the bridge: requests are dispatched through the same registry
 * (and so the same validators) as Electron IPC; every event is forwarded. Malformed
 * messages get an error response when they carry an id and are otherwise dropped.
 */
export function attachBridge(socket: WebSocket, registry: HandlerRegistry, events: EventHub): void {
  const send = (message: BridgeServerMessage): void => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  const unsubscribe = events.subscribe((channel, payload) => send({ type: 'event', channel, payload }));
  // The tab's session ends with its socket: whatever it held (leased images) goes back.
  const client = openClientSession();
  const dispose = (): void => {
    unsubscribe();
    client.end();
  };
  socket.on('close', dispose);
  socket.on('error', dispose);
  socket.on('message', async (data, isBinary) => {
    if (isBinary) return;
    let raw: unknown;
    try {
      raw = JSON.parse(data.toString());
    } catch {
      return;
    }
    const parsed = bridgeClientMessageSchema.safeParse(raw);
    if (!parsed.success) {
      const id = typeof (raw as { id?: unknown })?.id === 'number' ? (raw as { id: number }).id : null;
      if (id !== null) {
        send({ type: 'response', id, result: { ok: false, error: { code: 'invalid-request', message: 'Malformed bridge message.' } } });
      }
      return;
    }
    const { id, channel, payload } = parsed.data;
    const result = await registry.dispatch(channel, payload, { transport: 'bridge', client: client.session });
    send({ type: 'response', id, result: result as BridgeServerMessage extends { result: infer R } ? R : never });
  });
}
