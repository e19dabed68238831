import { useEffect } from 'react';
import { useStudio } from './useStudio';

/** How often the images on screen and ahead are renewed: well inside the studio's lease (3 minutes). */
export const leaseRenewMs = 60_000;

/**
 * Keeps the images this tab shows leased to it while they are shown: renewed every minute
 * while the page is visible (and at once when it becomes visible again). A hidden tab lets
 * its leases run out, so images do not sit with someone who walked away.
 */
export function useLeaseHeartbeat(): void {
  const holdLeases = useStudio((s) => s.holdLeases);
  useEffect(() => {
    const renew = () => {
      if (document.visibilityState === 'visible') void holdLeases();
    };
    const timer = setInterval(renew, leaseRenewMs);
    document.addEventListener('visibilitychange', renew);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', renew);
    };
  }, [holdLeases]);
}
