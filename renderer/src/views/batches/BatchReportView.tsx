import { useStudio } from '../../hooks/useStudio';
import { ErrorNote } from '../common/ErrorNote';
import { ProgressBar } from '../common/ProgressBar';
import { BatchActions } from './BatchActions';
import { ShareBars } from './ShareBars';

const levelText = { none: 'no real shift', moderate: 'moderate shift', major: 'major shift', 'too-few': 'too few images to judge' } as const;
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/** A batch as the chosen run sees it, next to the project images the run did not learn from. */
export function BatchReportView() {
  const report = useStudio((s) => s.batches.report);
  const runs = useStudio((s) => s.model.runs);
  const open = useStudio((s) => s.openBatchReport);
  if (!report) return null;
  const value = report.value;
  const finished = (runs ?? []).filter((r) => r.status === 'succeeded');
  return (
    <article className="batch-report" aria-label="Batch report" aria-busy={report.status === 'loading'}>
      <div className="field">
        <label htmlFor="batch-run">Predict with</label>
        <select id="batch-run" value={report.runId ?? ''} disabled={report.status === 'loading'} onChange={(e) => void open(report.batchId, e.target.value || undefined)}>
          {report.runId === null && <option value="">the latest run</option>}
          {finished.map((r) => (
            <option key={r.id} value={r.id}>
              {r.id} ({r.backbone.name}, {r.labels.train + r.labels.val} labels)
            </option>
          ))}
        </select>
      </div>
      {report.status === 'loading' && (
        <>
          <p role="status">{report.progress ? `Predicting the batch: ${report.progress.phase} ${report.progress.done} of ${report.progress.total}` : 'Predicting the batch…'}</p>
          <ProgressBar label="Batch prediction progress" fraction={report.progress?.total ? report.progress.done / report.progress.total : null} />
        </>
      )}
      {report.status === 'failed' && report.error && <ErrorNote error={report.error} />}
      {value && (
        <>
          <p className={`batch-verdict level-${value.classLevel}`} role="status">
            <strong>{levelText[value.classLevel === 'none' && value.confidence.level !== 'none' ? value.confidence.level : value.classLevel]}.</strong> {value.verdict}
          </p>
          <p className="faint">
            {value.scored.toLocaleString()} batch images{value.unreadable ? ` (${value.unreadable} unreadable)` : ''} against {value.reference.n.toLocaleString()} {value.reference.description}. PSI below {value.thresholds.moderate}: no real shift; up to {value.thresholds.major}: moderate; above: major; no verdict under {value.thresholds.minImages} images.
          </p>
          <h4>Predicted classes</h4>
          <ShareBars rows={value.classes.map((c) => ({ key: c.classId, label: c.name, batch: c.batch, reference: c.reference, note: `PSI ${c.psi.toFixed(3)}` }))} />
          <h4>Confidence of the top class (PSI {value.confidence.psi.toFixed(2)})</h4>
          <ShareBars rows={value.confidence.bins.map((b) => ({ key: String(b.from), label: `${Math.round(b.from * 100)}–${Math.round(b.to * 100)} %`, batch: b.batch, reference: b.reference }))} />
          {value.audit && (
            <p className={value.audit.accuracy && value.audit.labeled >= 10 ? '' : 'faint'}>
              Audit: {value.audit.accuracy ? `accuracy ${pct(value.audit.accuracy.value)} (95 % ${pct(value.audit.accuracy.low)}–${pct(value.audit.accuracy.high)}, n = ${value.audit.labeled})` : '—'}. {value.audit.note}
            </p>
          )}
          <BatchActions report={value} />
        </>
      )}
    </article>
  );
}
