import { useEffect, useState, type FormEvent } from 'react';
import type { LabelExportResult, LabelFormatName } from '../../../../shared/contract/dataset';
import { studioApi, unwrap } from '../../api/studioApi';
import { useStudio } from '../../hooks/useStudio';
import { errorPayloadOf } from '../../store/errors';
import { selectProject } from '../../store/selectors';
import { PathField } from '../common/PathField';
import { ProgressBar } from '../common/ProgressBar';
import { defaultExportPath, withFormatEnding } from './defaultExportPath';

const formats: { value: LabelFormatName; text: string }[] = [
  { value: 'csv', text: 'CSV: path, label, annotator, time, seconds, split, flag, comment' },
  { value: 'jsonl', text: 'JSON lines: the same fields, one object per image' },
  { value: 'imagefolder', text: 'ImageFolder: train/ val/ test/<class>/ (Ultralytics, CVAT ImageNet)' },
  { value: 'label-studio', text: 'Label Studio JSON (image classification, Choices)' },
];

/** Export labels: choose a format and a destination; progress, then where it went or what went wrong. */
export function ExportLabelsPanel() {
  const project = useStudio(selectProject);
  const [format, setFormat] = useState<LabelFormatName>('csv');
  const [out, setOut] = useState('');
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [result, setResult] = useState<LabelExportResult | null>(null);
  const [error, setError] = useState<{ message: string; hint?: string } | null>(null);
  useEffect(() => {
    if (project) setOut(defaultExportPath(project.dir, project.name, 'csv'));
  }, [project]);
  if (!project) return null;

  const choose = (next: LabelFormatName) => {
    setOut((path) => withFormatEnding(path, format, next));
    setFormat(next);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setResult(null);
    setProgress({ done: 0, total: 0 });
    const stop = studioApi().dataset.onExportProgress(setProgress);
    try {
      setResult(await unwrap(studioApi().dataset.exportLabels({ format, out: out.trim() })));
    } catch (e) {
      setError(errorPayloadOf(e));
    } finally {
      stop();
      setProgress(null);
    }
  };
  const busy = progress !== null;
  return (
    <section className="panel" aria-labelledby="export-labels-heading">
      <header className="panel-head">
        <h2 id="export-labels-heading">Export labels</h2>
        <span className="faint">every image with its label; import the same file into another project with labels from a file</span>
      </header>
      <form className="form-grid" onSubmit={submit}>
        <div className="field">
          <label htmlFor="export-format">Format</label>
          <select id="export-format" value={format} onChange={(e) => choose(e.target.value as LabelFormatName)} disabled={busy}>
            {formats.map((f) => (
              <option key={f.value} value={f.value}>
                {f.text}
              </option>
            ))}
          </select>
        </div>
        <PathField label={format === 'imagefolder' ? 'New folder' : 'File'} value={out} onChange={setOut} purpose="create" />
        <div className="panel-actions">
          <button type="submit" className="primary" disabled={busy || out.trim() === ''}>
            {busy ? 'Exporting…' : 'Export labels'}
          </button>
          {busy && (
            <button type="button" onClick={() => void studioApi().dataset.cancelExport({})}>
              Cancel
            </button>
          )}
        </div>
      </form>
      {busy && <ProgressBar label="Exporting labels" fraction={progress.total ? progress.done / progress.total : null} />}
      {result && (
        <div role="status">
          <p>
            Exported {result.written} image{result.written === 1 ? '' : 's'} to <code>{result.out}</code>.
          </p>
          {result.notes.map((note) => (
            <p key={note} className="muted">
              {note}
            </p>
          ))}
        </div>
      )}
      {error && (
        <p role="alert" className="warn-text">
          {error.message} {error.hint}
        </p>
      )}
    </section>
  );
}
