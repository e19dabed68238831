import { useStudio } from '../../hooks/useStudio';
import { useStudioShallow } from '../../hooks/useStudioShallow';
import { describeJob, isActive } from '../../store/importJob';
import { selectAnnotator, selectImporter, selectProject, selectSaveSummary, selectStatus } from '../../store/selectors';
import { LoopStatusSegment } from './LoopStatusSegment';

/** The bottom line: project, counts, the loop, annotator, and whether every label is on disk. */
export function StatusLine() {
  const project = useStudio(selectProject);
  const status = useStudio(selectStatus);
  const annotator = useStudio(selectAnnotator);
  const saves = useStudioShallow(selectSaveSummary);
  const job = useStudio(selectImporter).job;
  const openImport = useStudio((s) => s.openImport);
  return (
    <footer className="statusline" aria-label="Status">
      <span className="status-project">{project?.name}</span>
      {status ? (
        <span className="status-counts">
          {status.total.toLocaleString()} images · {status.labeled.toLocaleString()} labeled · {status.unlabeled.toLocaleString()} unlabeled
          {status.flagged > 0 && ` · ${status.flagged.toLocaleString()} flagged`}
          {status.skipped > 0 && ` · ${status.skipped.toLocaleString()} skipped`}
        </span>
      ) : (
        <span className="faint">counting…</span>
      )}
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
      <span className={saves.failed ? 'save-state failed' : saves.pending ? 'save-state pending' : 'save-state saved'} aria-live="polite">
        {saves.failed ? `${saves.failed} not saved` : saves.pending ? `Saving ${saves.pending}…` : 'All labels saved'}
      </span>
    </footer>
  );
}
