import type { StudioErrorPayload } from '../../../../shared/contract/channel';
import { useStudio } from '../../hooks/useStudio';

/**
 * Shown when a project cannot open because a file lost records (a journal deleted or
 * emptied): the studio never opens it as an emptier project on its own. The user looks
 * without changing anything, or goes on with what is there, the loss spelled out.
 */
export function DamagedProjectChoice({ dir, failure, onResult }: { dir: string; failure: StudioErrorPayload; onResult(failure: StudioErrorPayload | null): void }) {
  const openProject = useStudio((s) => s.openProject);
  const busy = useStudio((s) => s.busy);
  if (failure.code !== 'damaged') return null;
  const choose = async (recovery: 'read-only' | 'accept-loss') => onResult(await openProject(dir, recovery));
  return (
    <div className="damaged-choice" role="group" aria-label="The project is damaged">
      <div className="damaged-actions">
        <button type="button" disabled={busy !== null} onClick={() => void choose('read-only')}>
          Open read-only
        </button>
        <button type="button" className="danger" disabled={busy !== null} onClick={() => void choose('accept-loss')}>
          Open anyway, accepting the loss
        </button>
      </div>
    </div>
  );
}
