import { memo } from 'react';
import { useStudio } from '../../hooks/useStudio';
import { describeJob, isActive } from '../../store/importJob';
import { selectAnnotator, selectFailedSaves, selectImportJob, selectOpenImport, selectPendingSaves, selectProject, selectStatus } from '../../store/selectors';
import { LoopStatusSegment } from './LoopStatusSegment';

/**
 * The bottom line: project, counts, the loop, annotator, and whether every label is on disk.
 * Its segments subscribe on their own, so a label being saved re-renders only the save state.
 */
export function StatusLine() {
  const project = useStudio(selectProject);
  const annotator = useStudio(selectAnnotator);
  const job = useStudio(selectImportJob);
  const openImport = useStudio(selectOpenImport);
  return (
    <footer className="statusline" aria-label="Status">
      <span className="status-project">{project?.name}</span>
      <StatusCounts />
      {job && (
        <button type="button" className="ghost small status-import" onClick={() => openImport()}>
          {isActive(job) ? describeJob(job) : job.stage === 'failed' ? 'Import failed: see report' : 'Import report'}
        </button>
      )}
      <span className="status-spacer" />
      <LoopStatusSegment />
      <span>
        <span className="faint">Annotator</span> {annotator}
      </span>
      <SaveState />
    </footer>
  );
}

const StatusCounts = memo(function StatusCounts() {
  const status = useStudio(selectStatus);
  if (!status) return <span className="faint">counting…</span>;
  return (
    <span className="status-counts">
      {status.total.toLocaleString()} images · {status.labeled.toLocaleString()} labeled · {status.unlabeled.toLocaleString()} unlabeled
      {status.flagged > 0 && ` · ${status.flagged.toLocaleString()} flagged`}
      {status.skipped > 0 && ` · ${status.skipped.toLocaleString()} skipped`}
    </span>
  );
});

const SaveState = memo(function SaveState() {
  const pending = useStudio(selectPendingSaves);
  const failed = useStudio(selectFailedSaves);
  return (
    <span className={failed ? 'save-state failed' : pending ? 'save-state pending' : 'save-state saved'} aria-live="polite">
      {failed ? `${failed} not saved` : pending ? `Saving ${pending}…` : 'All labels saved'}
    </span>
  );
});
