import { useState } from 'react';
import type { RunRecord } from '../../../../shared/ml/runs';
import { useStudio } from '../../hooks/useStudio';
import { describeExport, exportFraction, isExporting } from '../../store/exportJob';
import { ErrorNote } from '../common/ErrorNote';
import { PathField } from '../common/PathField';
import { ProgressBar } from '../common/ProgressBar';
import { pathProblem } from '../common/validation';
import { ExportReportView } from './ExportReportView';
import './export.css';

/**
 * Export one run as a folder that runs on its own (model.onnx, TF.js, model card, examples):
 * into the project's exports folder or a folder the user names, with progress and Cancel.
 */
export function ExportPanel({ run }: { run: RunRecord }) {
  const job = useStudio((s) => s.exporter.job);
  const start = useStudio((s) => s.startExport);
  const cancel = useStudio((s) => s.cancelExport);
  const clear = useStudio((s) => s.clearExport);
  const [where, setWhere] = useState<'project' | 'folder'>('project');
  const [folder, setFolder] = useState('');
  const mine = job?.runId === run.id ? job : null;
  const busy = isExporting(job);
  const folderError = where === 'folder' && folder.trim() ? pathProblem(folder) : null;
  const canStart = !busy && (where === 'project' || (folder.trim() !== '' && !folderError));

  if (run.status !== 'succeeded') return null;
  return (
    <section className="export-panel" aria-labelledby={`export-${run.id}`}>
      <h4 id={`export-${run.id}`}>Export this model</h4>
      {!mine || mine.stage === 'failed' ? (
        <form
          className="export-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (canStart) void start(run.id, where === 'folder' ? folder.trim() : undefined);
          }}
        >
          <fieldset>
            <legend>Where</legend>
            <label>
              <input type="radio" name={`where-${run.id}`} checked={where === 'project'} onChange={() => setWhere('project')} /> The project's <span className="mono">exports/{run.id}</span> folder
            </label>
            <label>
              <input type="radio" name={`where-${run.id}`} checked={where === 'folder'} onChange={() => setWhere('folder')} /> Another folder (new or empty)
            </label>
          </fieldset>
          {where === 'folder' && <PathField label="Export folder" value={folder} onChange={setFolder} purpose="export" error={folderError} placeholder="/home/me/models/my-classifier" />}
          <p className="hint-text">model.onnx and a TF.js model, labels, preprocessing, a model card with the test figures, and runnable examples.</p>
          <button type="submit" className="primary" disabled={!canStart}>
            Export model
          </button>
          {busy && !mine && <p className="hint-text">Another export is running.</p>}
        </form>
      ) : null}
      {mine && (
        <div className="export-job">
          <p role="status">{describeExport(mine)}</p>
          {isExporting(mine) && (
            <>
              <ProgressBar label="Export progress" fraction={exportFraction(mine)} />
              <button type="button" className="danger" disabled={mine.stage === 'cancelling' || !mine.jobId} onClick={() => void cancel()}>
                Cancel export
              </button>
            </>
          )}
          {mine.stage === 'failed' && mine.error && <ErrorNote error={mine.error} />}
          {mine.report && (
            <>
              <ExportReportView report={mine.report} />
              <button type="button" onClick={clear}>
                Done
              </button>
            </>
          )}
        </div>
      )}
    </section>
  );
}
