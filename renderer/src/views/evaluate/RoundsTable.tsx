import type { Round } from '../../../../shared/contract/loop';
import { percent } from '../../store/trainingJob';
import { roundRows } from './learningCurve';

/** Every round's figures and the test labels behind them, newest first. */
export function RoundsTable({ rounds, minPerClass }: { rounds: readonly Round[]; minPerClass: number }) {
  const rows = roundRows(rounds, minPerClass);
  return (
    <div className="rounds-table-wrap scroll">
      <table className="quality-table" aria-label="Rounds">
        <thead>
          <tr>
            <th scope="col">Round</th>
            <th scope="col">Strategy</th>
            <th scope="col">Labels used</th>
            <th scope="col">Val accuracy</th>
            <th scope="col">Test accuracy</th>
            <th scope="col">Test macro-F1</th>
            <th scope="col">Test labels</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.round}>
              <td>{r.round}</td>
              <td className="mono">{r.strategy}</td>
              <td>{r.labels.toLocaleString('en-US')}</td>
              <td>{percent(r.valAccuracy, 1)}</td>
              <td>{percent(r.testAccuracy, 1)}</td>
              <td>{percent(r.testMacroF1, 1)}</td>
              <td>
                {r.testLabels === null ? 'none yet' : r.testLabels.toLocaleString('en-US')}
                {r.shortClasses > 0 && (
                  <span className="warn-text" title={`${r.shortClasses} class${r.shortClasses === 1 ? ' has' : 'es have'} fewer than ${minPerClass} test labels`}>
                    {' '}
                    ⚠ {r.shortClasses} class{r.shortClasses === 1 ? '' : 'es'} below {minPerClass}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
