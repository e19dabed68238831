import { randomUUID } from 'node:crypto';

/**
 * One connected client: a browser tab's bridge socket, a desktop window. What a client holds
 * (leased images) is given back when it goes away; services register that with `onEnd`.
 */
export interface ClientSession {
  readonly id: string;
  /** Runs `listener` once when the client disconnects; returns its disposer. */
  onEnd(listener: () => void): () => void;
}

/** A session and the call that ends it (the transport owns it). */
export function openClientSession(id: string = randomUUID()): { session: ClientSession; end(): void } {
  const listeners = new Set<() => void>();
  let ended = false;
  return {
    session: {
      id,
      onEnd(listener) {
        if (ended) {
          listener();
          return () => undefined;
        }
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
    end() {
      if (ended) return;
      ended = true;
      for (const listener of [...listeners]) listener();
      listeners.clear();
    },
  };
}
