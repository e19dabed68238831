import type { RunRecord } from '../../../../shared/ml/runs';
import { useStudio } from '../../hooks/useStudio';
import { selectClasses } from '../../store/selectors';
import { ExportPanel } from '../export/ExportPanel';
import { EpochChart } from './EpochChart';
import { perClassLabels, runFacts, runTime } from './runFacts';

/** One run in full: its epoch chart, settings, label snapshot and how it ended. */
export function RunDetails({ run }: { run: RunRecord }) {
  const classes = useStudio(selectClasses);
  return (
    <article className="run-details" aria-label={`Run of ${runTime(run)}`}>
      <header className="panel-head">
        <h3>
          Run of {runTime(run)} <span className="faint mono">{run.id}</span>
        </h3>
      </header>
      {run.error && (
        <div role="alert">
          <p className="error-text">{run.error.message}</p>
          {run.error.hint && <p className="hint-text">{run.error.hint}</p>}
        </div>
      )}
      {run.history.length > 0 && <EpochChart history={run.history} plannedEpochs={run.head.epochs} bestEpoch={run.bestEpoch} />}
      <dl className="run-facts">
        {runFacts(run).map(([term, text]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd className={term === 'Label snapshot' ? 'mono' : undefined}>{text}</dd>
          </div>
        ))}
      </dl>
      <details className="run-classes">
        <summary>Labels per class</summary>
        <table className="small-table">
          <thead>
            <tr>
              <th scope="col">Class</th>
              <th scope="col">Train</th>
              <th scope="col">Val</th>
            </tr>
          </thead>
          <tbody>
            {perClassLabels(run, classes).map((c) => (
              <tr key={c.name}>
                <td>{c.name}</td>
                <td>{c.train}</td>
                <td>{c.val}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      <ExportPanel run={run} />
    </article>
  );
}
