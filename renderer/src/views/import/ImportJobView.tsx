import { useStudio } from '../../hooks/useStudio';
import { describeJob, isActive, progressFraction, type ImportJob } from '../../store/importJob';
import { ImportReportView } from './ImportReportView';

interface ImportJobViewProps {
  job: ImportJob;
  onDone(): void;
  onImportMore(): void;
}

/** A running import's progress bar with Cancel; once it ends, its report. */
export function ImportJobView({ job, onDone, onImportMore }: ImportJobViewProps) {
  const cancelImport = useStudio((s) => s.cancelImport);
  const active = isActive(job);
  const fraction = progressFraction(job);
  const p = job.progress;
  return (
    <div className="import-job">
      <p className="import-line" role="status">
        {describeJob(job)}
      </p>
      {active && (
        <>
          <div
            className={fraction === null ? 'progress indeterminate' : 'progress'}
            role="progressbar"
            aria-label="Import progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={fraction === null ? undefined : Math.round(fraction * 100)}
          >
            <div className="progress-fill" style={{ width: `${Math.round((fraction ?? 0.3) * 100)}%` }} />
          </div>
          {p && p.phase !== 'scanning' && (
            <dl className="import-counts">
              <div><dt>Checked</dt><dd>{p.done.toLocaleString()} / {p.total.toLocaleString()}</dd></div>
              <div><dt>Imported</dt><dd>{p.imported.toLocaleString()}</dd></div>
              <div><dt>Duplicates</dt><dd>{p.duplicates.toLocaleString()}</dd></div>
              <div><dt>Rejected</dt><dd>{p.rejected.toLocaleString()}</dd></div>
            </dl>
          )}
          <p className="hint-text">You can close this window and keep labeling; the import goes on.</p>
        </>
      )}
      {job.stage === 'failed' && (
        <div className="import-failed" role="alert">
          <p className="error-text">{job.error?.message}</p>
          {job.error?.hint && <p className="hint-text">{job.error.hint}</p>}
        </div>
      )}
      {job.report && <ImportReportView report={job.report} />}
      <div className="import-actions">
        {active ? (
          <>
            <button type="button" onClick={onDone}>
              Hide
            </button>
            <button type="button" className="danger" disabled={job.stage === 'cancelling'} onClick={() => void cancelImport()}>
              Cancel import
            </button>
          </>
        ) : (
          <>
            <button type="button" onClick={onImportMore}>
              {job.stage === 'failed' ? 'Try again' : 'Import more'}
            </button>
            <button type="button" className="primary" onClick={onDone}>
              Done
            </button>
          </>
        )}
      </div>
    </div>
  );
}
