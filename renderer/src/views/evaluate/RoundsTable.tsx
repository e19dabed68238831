import type { Round } from '../../../../shared/contract/loop';
import { intervalText } from '../../../../shared/domain/honestFigures';
import { percentText } from './figures';
import { roundRows } from './learningCurve';

/** Every round's figures on today's test labels, and what picked its labels, newest first. */
export function RoundsTable({ rounds, minPerClass }: { rounds: readonly Round[]; minPerClass: number }) {
  const rows = roundRows(rounds, minPerClass);
  return (
    <div className="rounds-table-wrap scroll">
      <table className="quality-table" aria-label="Rounds">
        <thead>
          <tr>
            <th scope="col">Round</th>
            <th scope="col">Labels picked by</th>
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
              <td>
                {r.round}
                {r.retrains > 0 && <span className="faint" title="Retrained on the same labels; the newest model is shown"> (retrained ×{r.retrains})</span>}
              </td>
              <td className="mono">{r.strategy}</td>
              <td>{r.labels.toLocaleString('en-US')}</td>
              <td className={r.val && r.val.n < 30 ? 'figure-muted' : undefined} title={r.val ? `on the ${r.val.n} val labels of its training` : undefined}>
                {r.val ? `${percentText(r.val.value)} (n = ${r.val.n})` : '—'}
              </td>
              {r.note ? (
                <td colSpan={3} className="faint">
                  — {r.note}
                </td>
              ) : (
                <>
                  <td className={r.tooFew ? 'figure-muted' : undefined} title={r.testAccuracy ? `95% interval ${intervalText(r.testAccuracy)}` : undefined}>
                    {percentText(r.testAccuracy?.value)}
                  </td>
                  <td className={r.tooFew ? 'figure-muted' : undefined} title={r.testMacroF1 ? `95% interval ${intervalText(r.testMacroF1)}` : undefined}>
                    {percentText(r.testMacroF1?.value)}
                  </td>
                  <td>
                    n = {r.testLabels?.toLocaleString('en-US')}
                    {r.shortClasses > 0 && (
                      <span className="warn-text" title={`${r.shortClasses} class${r.shortClasses === 1 ? ' has' : 'es have'} fewer than ${minPerClass} test labels`}>
                        {' '}
                        ⚠ {r.shortClasses} class{r.shortClasses === 1 ? '' : 'es'} below {minPerClass}
                      </span>
                    )}
                  </td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
