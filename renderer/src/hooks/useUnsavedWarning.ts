import { useEffect } from 'react';
import { saveSummary } from '../store/decisions';
import { useStudioStore } from './useStudioStore';

/** Leaving the page while labels are still on their way (or failed) asks first. */
export function useUnsavedWarning(): void {
  const store = useStudioStore();
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      const { pending, failed } = saveSummary(store.getState().labeling.decisions);
      if (pending + failed > 0) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [store]);
}
