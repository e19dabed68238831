import { createContext, type ReactNode } from 'react';
import type { StudioStore } from '../store';

export const StoreContext = createContext<StudioStore | null>(null);

/** Gives the component tree its store (tests and the app each build their own). */
export function StoreProvider({ store, children }: { store: StudioStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}
