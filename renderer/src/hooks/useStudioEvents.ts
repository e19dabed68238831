import { useEffect } from 'react';
import { followQualityEvents } from '../store/qualityEvents';
import { followStudioEvents } from '../store/studioEvents';
import { useStudioStore } from './useStudioStore';

/** Follows the studio's events while the workspace is on screen; every subscription is disposed on unmount. */
export function useStudioEvents(): void {
  const store = useStudioStore();
  useEffect(() => {
    const disposers = [followStudioEvents(store), followQualityEvents(store)];
    return () => disposers.forEach((dispose) => dispose());
  }, [store]);
}
