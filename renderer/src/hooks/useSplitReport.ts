import { useEffect, useState } from 'react';
import type { SplitReport } from '../../../shared/contract/splits';
import { studioApi, unwrap } from '../api/studioApi';
import { selectStatus } from '../store/selectors';
import { useStudio } from './useStudio';

/**
 * The project's split report, fetched again whenever the project's counts change (the store
 * replaces `status` only when samples, labels or classes changed). Null while loading.
 */
export function useSplitReport(): { report: SplitReport | null; error: string | null } {
  const status = useStudio(selectStatus);
  const [report, setReport] = useState<SplitReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    unwrap(studioApi().splits.report({}))
      .then((r) => live && (setReport(r), setError(null)))
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [status]);
  return { report, error };
}
