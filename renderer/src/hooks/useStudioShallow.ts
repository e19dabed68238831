import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { StudioState } from '../store';
import { useStudioStore } from './useStudioStore';

/** Reads several values at once, compared shallowly (a slice's actions, a few fields). */
export function useStudioShallow<T extends object>(selector: (state: StudioState) => T): T {
  return useStore(useStudioStore(), useShallow(selector));
}
