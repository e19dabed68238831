import type { CSSProperties } from 'react';
import type { Evaluation } from '../../../../shared/contract/evaluation';
import { useStudio } from '../../hooks/useStudio';
import { selectClasses } from '../../store/selectors';
import { rowShare } from './learningCurve';

/**
 * Counts of true class (rows) against predicted class (columns); cells shaded by their share
 * of the row. A cell with images opens them in the gallery, which offers to send them to review
 * (the model picked them by disagreeing) or to relabel them, marked as chosen by the model.
 */
export function ConfusionMatrix({ evaluation, round, runId }: { evaluation: Evaluation; round: number | null; runId: string }) {
  const classes = useStudio(selectClasses);
  const openCell = useStudio((s) => s.openConfusionCell);
  const name = (id: string) => classes.find((c) => c.id === id)?.name ?? 'removed class';
  const { confusion, classIds } = evaluation;
  return (
    <div className="confusion-wrap scroll">
      <table className="confusion" aria-label="Confusion matrix">
        <thead>
          <tr>
            <th scope="col" className="corner">
              true ↓ / predicted →
            </th>
            {classIds.map((id) => (
              <th key={id} scope="col" title={name(id)}>
                <span className="confusion-col">{name(id)}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {classIds.map((rowId, r) => (
            <tr key={rowId}>
              <th scope="row">{name(rowId)}</th>
              {classIds.map((colId, c) => {
                const share = rowShare(confusion, r, c);
                const count = confusion[r]?.[c] ?? 0;
                return (
                  <td
                    key={colId}
                    className={r === c ? 'diagonal' : count > 0 ? 'mistake' : undefined}
                    style={{ '--share': share.toFixed(3) } as CSSProperties}
                    title={`${count} ${name(rowId)} image${count === 1 ? '' : 's'} predicted as ${name(colId)} (${Math.round(share * 100)}% of the row)${count > 0 ? ': click to see them' : ''}`}
                  >
                    {count > 0 ? (
                      <button
                        type="button"
                        className="confusion-open"
                        aria-label={`Show the ${count} ${name(rowId)} test image${count === 1 ? '' : 's'} predicted as ${name(colId)}`}
                        onClick={() => openCell(rowId, { runId, round, classId: colId })}
                      >
                        {count}
                      </button>
                    ) : (
                      count
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
