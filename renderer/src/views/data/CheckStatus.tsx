import type { QualityStatus } from '../../../../shared/contract/quality';
import { useStudio } from '../../hooks/useStudio';
import { ProgressBar } from '../common/ProgressBar';

const stepNames: Record<NonNullable<QualityStatus['step']>, string> = {
  embedding: 'Embedding images',
  'label-check': 'Checking labels out of fold',
  duplicates: 'Looking for duplicates',
  outliers: 'Measuring outliers',
  pca: 'Projecting the map (PCA)',
  neighbours: 'Finding neighbours for UMAP',
  umap: 'Laying out the map (UMAP)',
};

/** Where the data checks stand, with cancel while they run and "check again" when idle. */
export function CheckStatus() {
  const status = useStudio((s) => s.quality.status);
  const overview = useStudio((s) => s.quality.overview);
  const check = useStudio((s) => s.checkQualityNow);
  const cancel = useStudio((s) => s.cancelQualityCheck);
  if (status?.state === 'running' && status.step) {
    const unit = status.step === 'label-check' ? ` (fold ${status.done}/${status.total})` : status.total ? ` ${status.done.toLocaleString('en-US')}/${status.total.toLocaleString('en-US')}` : '';
    return (
      <div className="check-status" role="status">
        <span>
          {stepNames[status.step]}
          {unit}…
        </span>
        <ProgressBar label={stepNames[status.step]} fraction={status.total ? status.done / status.total : null} small />
        <button type="button" className="ghost small" onClick={() => void cancel()}>
          Cancel
        </button>
      </div>
    );
  }
  const stale = status?.latestRunId && status.reportRunId !== status.latestRunId;
  return (
    <div className="check-status" role="status">
      {status?.state === 'failed' && <span className="error-text">The last check failed: {status.error}</span>}
      {overview?.runId ? (
        <span className="faint">
          Checked after run {overview.runId.slice(4, 17)}: {overview.checked.toLocaleString('en-US')} labeled images, {overview.folds}-fold out-of-fold
          {stale ? ' · a newer model exists' : ''}
        </span>
      ) : (
        <span className="faint">The checks run after each training run.</span>
      )}
      <button type="button" className="small" onClick={() => void check()} disabled={!status?.latestRunId}>
        Check again
      </button>
    </div>
  );
}
