import type { ImportReport } from '../../../../shared/contract/imports';
import { VirtualList } from '../common/VirtualList';
import { rejectReasonText } from './rejectReasons';

/** How near-duplicates were placed: groups kept whole, and the bridges that could not be honoured. */
function NearDuplicateNote({ splits }: { splits: ImportReport['splits'] }) {
  if (splits.groups === 0 && splits.bridges.length === 0 && splits.resplit.length === 0) return null;
  return (
    <p className="hint-text">
      {splits.groups.toLocaleString()} near-duplicate group{splits.groups === 1 ? '' : 's'} kept whole in one split ({splits.joinedEarlier.toLocaleString()} new images joined groups already in a split).
      {splits.bridges.length > 0 && ` ${splits.bridges.length} image(s) were near samples in two different splits, so one pair straddles splits (see the Classes tab).`}
      {splits.resplit.length > 0 && ` ${splits.resplit.length} group(s) were too large for one split and were cut at a stricter threshold.`}
    </p>
  );
}

/** Every file left out, with why: rejected files with their reason, duplicates with what they duplicate. */
export function ImportReportView({ report }: { report: ImportReport }) {
  return (
    <div className="import-report">
      <dl className="import-counts">
        <div><dt>Imported</dt><dd>{report.imported.toLocaleString()}</dd></div>
        <div><dt>With a label</dt><dd>{report.labeled.toLocaleString()}</dd></div>
        <div><dt>Duplicates</dt><dd>{report.duplicates.length.toLocaleString()}</dd></div>
        <div><dt>Rejected</dt><dd>{report.rejected.length.toLocaleString()}</dd></div>
      </dl>
      {report.newClasses.length > 0 && <p>New classes: {report.newClasses.join(', ')}</p>}
      {report.unmatchedCsvRows > 0 && (
        <p className="hint-text">{report.unmatchedCsvRows.toLocaleString()} labels-file rows named files that were not part of this import.</p>
      )}
      <NearDuplicateNote splits={report.splits} />
      {report.rejected.length > 0 && (
        <section aria-label="Rejected files">
          <h3>Rejected files</h3>
          <VirtualList
            items={report.rejected}
            rowHeight={40}
            label="Rejected files"
            render={(r) => (
              <div className="report-row">
                <span className="mono report-path" title={r.path}>{r.path}</span>
                <span className="report-reason">{rejectReasonText[r.reason] ?? r.reason}</span>
                <span className="faint report-detail" title={r.detail}>{r.detail}</span>
              </div>
            )}
          />
        </section>
      )}
      {report.duplicates.length > 0 && (
        <section aria-label="Duplicate files">
          <h3>Duplicates (not imported again)</h3>
          <VirtualList
            items={report.duplicates}
            rowHeight={40}
            label="Duplicate files"
            render={(d) => (
              <div className="report-row">
                <span className="mono report-path" title={d.path}>{d.path}</span>
                <span className="report-reason">same image as</span>
                <span className="mono faint report-detail" title={d.duplicateOf}>{d.duplicateOf}</span>
              </div>
            )}
          />
        </section>
      )}
    </div>
  );
}
