import type { StoreApi } from 'zustand/vanilla';
import type { StudioState } from './index';
import type { StoreDeps } from './deps';

export type SetState = StoreApi<StudioState>['setState'];
export type GetState = StoreApi<StudioState>['getState'];

/** One typed slice of the studio store: its state and the actions beside it. */
export type Slice<T> = (set: SetState, get: GetState, deps: StoreDeps) => T;
