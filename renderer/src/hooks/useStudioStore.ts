import { useContext } from 'react';
import type { StudioStore } from '../store';
import { StoreContext } from './StoreProvider';

/** The store itself, for handlers that read the latest state without re-rendering. */
export function useStudioStore(): StudioStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('The studio store is missing: render inside <StoreProvider>.');
  return store;
}
