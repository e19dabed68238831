import type { EventName, EventOf } from '../../../shared/contract';

export type EventListener = (channel: EventName, payload: unknown) => void;

/**
 * Events the services push to every window and browser tab (progress, "labels changed").
 * Transports subscribe once and forward; services only call `emit`.
 */
export class EventHub {
  private readonly listeners = new Set<EventListener>();

  emit<K extends EventName>(channel: K, payload: EventOf<K>): void {
    for (const listener of this.listeners) listener(channel, payload);
  }

  /** Returns the disposer. */
  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get size(): number {
    return this.listeners.size;
  }
}
