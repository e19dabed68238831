import { useState } from 'react';
import { batchNameSchema } from '../../../../shared/contract/batches';
import { useStudio } from '../../hooks/useStudio';
import { PathField } from '../common/PathField';
import { ProgressBar } from '../common/ProgressBar';
import { pathProblem } from '../common/validation';

/** Import folders of new images as a named batch, with progress and Cancel. */
export function BatchImportForm() {
  const importing = useStudio((s) => s.batches.importing);
  const start = useStudio((s) => s.startBatchImport);
  const cancel = useStudio((s) => s.cancelBatchImport);
  const clear = useStudio((s) => s.clearBatchImport);
  const [name, setName] = useState('');
  const [sources, setSources] = useState('');
  const paths = sources.split('\n').map((p) => p.trim()).filter(Boolean);
  const nameProblem = name.trim() ? (batchNameSchema.safeParse(name).error?.issues[0]?.message ?? null) : null;
  const pathError = paths.map((p) => pathProblem(p)).find(Boolean) ?? null;
  const running = importing !== null && !importing.result && !importing.error;

  if (importing) {
    const p = importing.progress;
    return (
      <div className="batch-import">
        <p role="status">
          {importing.result
            ? `“${importing.result.batch.name}”: ${importing.result.report.imported} imported, ${importing.result.report.duplicates.length} duplicates skipped, ${importing.result.report.rejected.length} rejected.`
            : importing.error
              ? importing.error.message
              : p && p.phase !== 'scanning'
                ? `Importing “${importing.name}”: ${p.done} of ${p.total} files`
                : `Looking for images for “${importing.name}”…`}
        </p>
        {running && <ProgressBar label="Batch import progress" fraction={p && p.total ? p.done / p.total : null} />}
        {importing.error?.hint && <p className="hint-text">{importing.error.hint}</p>}
        {running ? (
          <button type="button" className="danger" disabled={!importing.jobId} onClick={() => void cancel()}>
            Cancel import
          </button>
        ) : (
          <button type="button" onClick={clear}>
            Done
          </button>
        )}
      </div>
    );
  }
  return (
    <details className="batch-import">
      <summary>Import a new batch…</summary>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim() && !nameProblem && paths.length && !pathError) void start(name.trim(), paths);
        }}
      >
        <div className="field">
          <label htmlFor="batch-name">Batch name</label>
          <input id="batch-name" type="text" value={name} placeholder="March photos" onChange={(e) => setName(e.target.value)} aria-invalid={nameProblem ? true : undefined} />
          {nameProblem && <span className="error-text">{nameProblem}</span>}
        </div>
        <PathField label="Folders or images (one per line)" value={sources} onChange={setSources} purpose="import" multiline error={sources.trim() ? pathError : null} />
        <button type="submit" className="primary" disabled={!name.trim() || Boolean(nameProblem) || paths.length === 0 || Boolean(pathError)}>
          Import batch
        </button>
      </form>
    </details>
  );
}
