import { useState } from 'react';
import { useStudio } from '../../hooks/useStudio';
import type { StudioErrorPayload } from '../../../../shared/contract/channel';
import { DamagedProjectChoice } from './DamagedProjectChoice';

/** Recently opened projects, newest first; folders that no longer exist are greyed out. */
export function RecentProjects() {
  const recent = useStudio((s) => s.recent);
  const openProject = useStudio((s) => s.openProject);
  const busy = useStudio((s) => s.busy);
  const [failed, setFailed] = useState<{ dir: string; failure: StudioErrorPayload } | null>(null);
  if (recent.length === 0) return <p className="faint">Projects you open appear here.</p>;
  const open = async (dir: string) => {
    const failure = await openProject(dir);
    setFailed(failure ? { dir, failure } : null);
  };
  return (
    <>
      <ul className="recent-list" aria-label="Recent projects">
        {recent.map((p) => (
          <li key={p.dir}>
            <button
              type="button"
              className={p.exists ? 'recent' : 'recent missing'}
              disabled={!p.exists || busy !== null}
              title={p.exists ? p.dir : `${p.dir} no longer exists`}
              onClick={() => void open(p.dir)}
            >
              <span className="recent-name">{p.name}</span>
              <span className="recent-dir mono">{p.dir}</span>
              <span className="recent-when faint">{p.exists ? new Date(p.openedAt).toLocaleDateString() : 'missing'}</span>
            </button>
          </li>
        ))}
      </ul>
      {failed && (
        <>
          <p className="error-text" role="alert">
            {failed.failure.message}
            {failed.failure.hint ? ` ${failed.failure.hint}` : ''}
          </p>
          <DamagedProjectChoice dir={failed.dir} failure={failed.failure} onResult={(failure) => setFailed(failure ? { dir: failed.dir, failure } : null)} />
        </>
      )}
    </>
  );
}
