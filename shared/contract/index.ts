import type { z } from 'zod';
import type { EventChannel, RequestChannel, Result } from './channel';
import { projectChannels } from './project';
import { importChannels } from './imports';
import { classesChannels } from './classes';
import { samplesChannels } from './samples';
import { labelsChannels } from './labels';
import { queueChannels } from './queue';
import { modelsChannels, trainingChannels } from './models';
import { loopChannels } from './loop';
import { backbonesChannels } from './backbones';
import { teamChannels } from './team';
import { reviewChannels } from './review';
import { splitsChannels } from './splits';
import { datasetChannels } from './dataset';
import { evaluateChannels } from './evaluate';
import { exportChannels } from './export';
import { batchesChannels } from './batches';
import { qualityChannels } from './quality';

/**
 * Every channel between the UI and the studio's services, by name. Names are
 * `feature:action`; the UI sees each as `api.feature.action(request)` and each event as
 * `api.feature.onAction(listener)`. Adding a channel: docs/recipes/add-a-channel.md.
 */
export const contract = {
  ...projectChannels,
  ...importChannels,
  ...classesChannels,
  ...samplesChannels,
  ...labelsChannels,
  ...queueChannels,
  ...modelsChannels,
  ...trainingChannels,
  ...loopChannels,
  ...backbonesChannels,
  ...teamChannels,
  ...reviewChannels,
  ...splitsChannels,
  ...datasetChannels,
  ...evaluateChannels,
  ...exportChannels,
  ...batchesChannels,
  ...qualityChannels,
} as const;

export type Contract = typeof contract;
export type ChannelName = keyof Contract;

export type RequestName = { [K in ChannelName]: Contract[K] extends RequestChannel ? K : never }[ChannelName];
export type EventName = { [K in ChannelName]: Contract[K] extends EventChannel ? K : never }[ChannelName];

/** What a caller passes (defaults may be omitted). */
export type RequestOf<K extends RequestName> = Contract[K] extends RequestChannel<infer Q> ? z.input<Q> : never;
/** What a handler receives after validation (defaults filled in). */
export type ValidRequestOf<K extends RequestName> = Contract[K] extends RequestChannel<infer Q> ? z.output<Q> : never;
export type ResponseOf<K extends RequestName> = Contract[K] extends RequestChannel<z.ZodType, infer R> ? z.output<R> : never;
export type EventOf<K extends EventName> = Contract[K] extends EventChannel<infer P> ? z.output<P> : never;

type FeatureOf<K> = K extends `${infer F}:${string}` ? F : never;
type CamelCase<S extends string> = S extends `${infer H}-${infer T}` ? `${H}${Capitalize<CamelCase<T>>}` : S;
type MethodName<K extends string, A extends string> = K extends EventName ? `on${Capitalize<CamelCase<A>>}` : CamelCase<A>;

export type Listener<T> = (payload: T) => void;
export type Disposer = () => void;

/**
 * `window.api`: one named method per channel, derived from the contract, never a generic
 * invoke. Requests resolve to a Result; subscriptions return their disposer.
 */
export type StudioApi = {
  [F in FeatureOf<ChannelName>]: {
    [K in ChannelName as K extends `${F}:${infer A}` ? MethodName<K, A> : never]: K extends RequestName
      ? (request: RequestOf<K>) => Promise<Result<ResponseOf<K>>>
      : K extends EventName
        ? (listener: Listener<EventOf<K>>) => Disposer
        : never;
  };
};

/** What carries messages: Electron IPC in the preload, a WebSocket in browser mode. */
export interface Transport {
  invoke(channel: RequestName, request: unknown): Promise<Result<unknown>>;
  subscribe(channel: EventName, listener: Listener<unknown>): Disposer;
}

function camelCase(s: string): string {
  return s.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** The method name a channel gets on `window.api`, e.g. `import:progress` → `onProgress`. */
export function methodNameOf(channel: ChannelName): { feature: string; method: string } {
  const [feature, action] = channel.split(':') as [string, string];
  const name = camelCase(action);
  const method = contract[channel].kind === 'event' ? `on${name[0].toUpperCase()}${name.slice(1)}` : name;
  return { feature, method };
}

/** Builds `window.api` over a transport. The preload and the browser bridge both call it. */
export function buildApi(transport: Transport): StudioApi {
  const api: Record<string, Record<string, unknown>> = {};
  for (const channel of Object.keys(contract) as ChannelName[]) {
    const { feature, method } = methodNameOf(channel);
    api[feature] ??= {};
    api[feature][method] =
      contract[channel].kind === 'event'
        ? (listener: Listener<unknown>) => transport.subscribe(channel as EventName, listener)
        : (request: unknown) => transport.invoke(channel as RequestName, request ?? {});
  }
  return api as unknown as StudioApi;
}

export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && Object.hasOwn(contract, name) && contract[name as ChannelName].kind === 'request';
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(contract, name) && contract[name as ChannelName].kind === 'event';
}

export * from './channel';
