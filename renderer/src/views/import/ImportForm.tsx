import { useState, type FormEvent } from 'react';
import { useStudio } from '../../hooks/useStudio';
import { selectImporter, selectInfo } from '../../store/selectors';
import { PathField } from '../common/PathField';
import { pathProblem, splitPaths } from '../common/validation';

type LabelsFrom = 'none' | 'folders' | 'csv';

/** Where the images are and where their labels (if any) come from. */
export function ImportForm() {
  const { prefill } = useStudio(selectImporter);
  const info = useStudio(selectInfo);
  const startImport = useStudio((s) => s.startImport);
  const startDroppedImport = useStudio((s) => s.startDroppedImport);
  const closeImport = useStudio((s) => s.closeImport);
  const dropped = prefill?.kind === 'dropped' ? prefill : null;
  const [sources, setSources] = useState(prefill?.kind === 'paths' ? prefill.sources.join('\n') : '');
  const [labelsFrom, setLabelsFrom] = useState<LabelsFrom>(dropped && dropped.folders > 0 ? 'folders' : 'none');
  const [csvPath, setCsvPath] = useState('');
  const [errors, setErrors] = useState<{ sources?: string; csv?: string }>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (dropped) return void startDroppedImport(dropped.files, labelsFrom === 'folders' ? 'folders' : 'none');
    const paths = splitPaths(sources);
    const sourceProblem = paths.length === 0 ? pathProblem('', 'image folder') : paths.map((p) => pathProblem(p, 'image folder')).find(Boolean);
    const csvProblem = labelsFrom === 'csv' ? pathProblem(csvPath, 'labels file') : null;
    if (sourceProblem || csvProblem) return setErrors({ sources: sourceProblem ?? undefined, csv: csvProblem ?? undefined });
    setErrors({});
    void startImport({ sources: paths, labelsFrom, ...(labelsFrom === 'csv' ? { csvPath: csvPath.trim() } : {}) });
  };

  return (
    <form className="import-form" onSubmit={submit} noValidate>
      {dropped ? (
        <p>
          <strong>{dropped.files.length.toLocaleString()} files</strong>
          {dropped.folders > 0 && ` from ${dropped.folders} folder${dropped.folders === 1 ? '' : 's'}`} will be uploaded to the studio and imported.
        </p>
      ) : (
        <PathField
          label="Folders or image files (one per line; folders are searched with their subfolders)"
          purpose="import"
          value={sources}
          onChange={setSources}
          error={errors.sources}
          multiline
          focusFirst
          placeholder={info?.mode === 'browser' ? '/data/images/birds' : ''}
        />
      )}
      <fieldset className="labels-from">
        <legend>Labels</legend>
        <label>
          <input type="radio" name="labels-from" checked={labelsFrom === 'none'} onChange={() => setLabelsFrom('none')} /> None: I will label them here
        </label>
        <label>
          <input type="radio" name="labels-from" checked={labelsFrom === 'folders'} onChange={() => setLabelsFrom('folders')} /> From subfolder names
          <span className="faint"> (cat/001.jpg is labeled cat; new classes are created; train/ val/ test/&lt;class&gt;/ keeps the split too)</span>
        </label>
        {!dropped && (
          <label>
            <input type="radio" name="labels-from" checked={labelsFrom === 'csv'} onChange={() => setLabelsFrom('csv')} /> From a labels file
            <span className="faint"> (a CSV of path,label rows, or a CSV, JSON lines or Label Studio JSON export)</span>
          </label>
        )}
        {labelsFrom === 'csv' && <PathField label="Labels file" purpose="csv" value={csvPath} onChange={setCsvPath} error={errors.csv} placeholder="/data/images/labels.csv" />}
      </fieldset>
      <p className="hint-text">You can also drop folders or images anywhere on the window. Duplicates and files that are not images are reported, never imported twice.</p>
      <div className="import-actions">
        <button type="button" onClick={closeImport}>
          Cancel
        </button>
        <button type="submit" className="primary">
          {dropped ? 'Upload and import' : 'Start import'}
        </button>
      </div>
    </form>
  );
}
