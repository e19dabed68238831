import { useStudio } from '../../hooks/useStudio';
import { selectClasses } from '../../store/selectors';
import { duration } from '../../store/trainingJob';
import { RunDetails } from './RunDetails';
import { headText, perClassText, runTime, valCell } from './runFacts';

/** Every training run of the project, newest first; select one to see its epochs and settings. */
export function RunsPanel() {
  const runs = useStudio((s) => s.model.runs);
  const selected = useStudio((s) => s.model.selectedRunId);
  const select = useStudio((s) => s.selectRun);
  const classes = useStudio(selectClasses);
  const chosen = runs?.find((r) => r.id === selected) ?? null;
  return (
    <section className="panel" aria-labelledby="runs-heading">
      <header className="panel-head">
        <h2 id="runs-heading">Runs</h2>
        {runs && <span className="faint">{runs.length} run{runs.length === 1 ? '' : 's'}</span>}
      </header>
      {runs === null ? (
        <p className="faint">Loading the runs…</p>
      ) : runs.length === 0 ? (
        <p className="faint">No runs yet. Every run is recorded here with its labels, settings and backend.</p>
      ) : (
        <div className="runs-table-wrap scroll">
          <table className="runs-table" aria-label="Training runs">
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">Backbone</th>
                <th scope="col">Head</th>
                <th scope="col">Engine</th>
                <th scope="col">Labels (train/val)</th>
                <th scope="col">Duration</th>
                <th scope="col">Val accuracy</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((run) => (
                <tr key={run.id} className={run.id === selected ? 'selected' : undefined} aria-selected={run.id === selected} onClick={() => select(run.id === selected ? null : run.id)}>
                  <td>
                    {/* The row takes the click; the button makes it reachable by keyboard. */}
                    <button type="button" className="link-button" aria-expanded={run.id === selected}>
                      {runTime(run)}
                    </button>
                  </td>
                  <td>{run.backbone.name}</td>
                  <td>{headText(run)}</td>
                  {/* The head's own engine when it is not TF.js (the SIMD kernels), else the TF.js backend. */}
                  <td className="mono" title={run.headEngine ? `head: ${run.headEngine}; TF.js: ${run.backend?.name ?? '—'}` : undefined}>
                    {run.headEngine ?? run.backend?.name ?? '—'}
                  </td>
                  <td title={perClassText(run, classes)}>
                    {run.labels.train}/{run.labels.val}
                  </td>
                  <td>{duration(run.durationMs)}</td>
                  <ValCell cell={valCell(run)} />
                  <td>
                    <span className={`badge run-${run.status}`}>{run.status}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {chosen && <RunDetails run={chosen} />}
    </section>
  );
}

function ValCell({ cell }: { cell: ReturnType<typeof valCell> }) {
  return (
    <td className={cell.muted ? 'figure-muted' : undefined} title={cell.title}>
      {cell.text}
    </td>
  );
}
