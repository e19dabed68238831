import type { ImportReport } from '../../../../shared/contract/imports';
import { VirtualList } from '../common/VirtualList';
import { rejectReasonText } from './rejectReasons';

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
        <p className="hint-text">{report.unmatchedCsvRows.toLocaleString()} CSV rows named files that were not part of this import.</p>
      )}
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
