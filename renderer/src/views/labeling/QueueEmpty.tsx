import { useStudio } from '../../hooks/useStudio';
import { selectStatus } from '../../store/selectors';
import type { LabelingState } from '../../store/labelingSlice';

/** No item on screen: still loading, nothing imported yet, or everything is done. */
export function QueueEmpty({ status }: { status: LabelingState['queueStatus'] }) {
  const counts = useStudio(selectStatus);
  const setView = useStudio((s) => s.setView);
  const openImport = useStudio((s) => s.openImport);
  const refillQueue = useStudio((s) => s.refillQueue);
  if (status === 'loading' || status === 'idle') return <div className="queue-empty muted">Loading the next images…</div>;
  if (status === 'error') {
    return (
      <div className="queue-empty">
        <h2>The next images could not be loaded.</h2>
        <button type="button" onClick={() => void refillQueue()}>
          Try again
        </button>
      </div>
    );
  }
  const noImages = counts?.total === 0;
  return (
    <div className="queue-empty" role="status">
      <h2>{noImages ? 'No images yet' : 'Nothing left to label'}</h2>
      <p className="muted">
        {noImages
          ? 'Import a folder of images, or drop one anywhere on this window.'
          : `Every image has a label${counts?.flagged ? ` or waits for review (${counts.flagged} flagged)` : ''}. Browse them in the gallery, or import more.`}
      </p>
      <div className="queue-empty-actions">
        {!noImages && (
          <button type="button" className="primary" onClick={() => setView('gallery')}>
            Open the gallery
          </button>
        )}
        <button type="button" className={noImages ? 'primary' : ''} onClick={() => openImport()}>
          Import images…
        </button>
      </div>
    </div>
  );
}
