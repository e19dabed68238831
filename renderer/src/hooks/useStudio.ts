import { useStore } from 'zustand';
import type { StudioState } from '../store';
import { useStudioStore } from './useStudioStore';

/** Reads one value from the studio store; the component re-renders when it changes. */
export function useStudio<T>(selector: (state: StudioState) => T): T {
  return useStore(useStudioStore(), selector);
}
