import { useEffect } from 'react';
import type { EventOf } from '../../../shared/contract';
import { useStudioStore } from './useStudioStore';

type Change = EventOf<'project:changed'>['what'][number];

/**
 * A burst of changes (an import commits a batch many times a second; every label is one)
 * is gathered and applied at most this often, so counts and the gallery refresh without
 * making the page work on every event.
 */
const gatherMs = 200;

/**
 * Follows what the studio announces while a project is open: changes made by this or any
 * other window or tab, and import progress. Every subscription is disposed on unmount.
 */
export function useStudioEvents(): void {
  const store = useStudioStore();
  useEffect(() => {
    const { api } = store.getState().deps;
    const pending = new Set<Change>();
    let timer: ReturnType<typeof setTimeout> | null = null;

    const apply = () => {
      timer = null;
      const s = store.getState();
      const changed = (what: Change) => pending.has(what);
      if (changed('classes')) void s.loadClasses();
      if (changed('labels') || changed('samples') || changed('classes')) {
        void s.refreshStatus();
        s.invalidateGallery();
        void s.refreshCurrentRow();
      }
      if (changed('samples') || changed('queue')) void s.refillQueue();
      pending.clear();
    };

    const disposers = [
      api.project.onChanged(({ what }) => {
        // Another window opening or closing a project is followed at once.
        if (what.includes('project')) void store.getState().syncCurrentProject();
        for (const w of what) pending.add(w);
        timer ??= setTimeout(apply, gatherMs);
      }),
      api.import.onProgress((progress) => store.getState().onImportProgress(progress)),
      api.import.onFinished(({ jobId, report }) => store.getState().onImportFinished(jobId, report)),
      api.import.onFailed(({ jobId, message }) => store.getState().onImportFailed(jobId, message)),
    ];
    return () => {
      if (timer) clearTimeout(timer);
      for (const dispose of disposers) dispose();
    };
  }, [store]);
}
