import type { Evaluation } from '../../../../shared/contract/evaluation';
import { useStudio } from '../../hooks/useStudio';
import { selectClasses } from '../../store/selectors';
import type { Cell } from './figures';
import { classQuality } from './learningCurve';

/** Precision, recall and F1 per class, with the labels behind each row: "—" and the reason where a figure is undefined; too few are flagged. */
export function QualityTable({ evaluation, minPerClass }: { evaluation: Evaluation; minPerClass: number }) {
  const classes = useStudio(selectClasses);
  const rows = classQuality(evaluation, classes, minPerClass);
  const short = rows.filter((r) => r.tooFew);
  const split = evaluation.split;
  return (
    <>
      {short.length > 0 && (
        <p className="warn-text" role="note">
          {short.length} class{short.length === 1 ? ' has' : 'es have'} fewer than {minPerClass} {split} labels: {short.map((r) => r.name).join(', ')}. Their figures can swing a lot; keep labeling the held-out images the queue asks for.
        </p>
      )}
      <table className="quality-table" aria-label="Per-class quality">
        <thead>
          <tr>
            <th scope="col">Class</th>
            <th scope="col">Precision</th>
            <th scope="col">Recall</th>
            <th scope="col">F1</th>
            <th scope="col">{split === 'test' ? 'Test' : 'Val'} labels</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.classId} className={r.tooFew ? 'too-few' : undefined}>
              <td>
                <span className="swatch" style={{ background: r.color }} /> {r.name}
              </td>
              <CellView cell={r.precision} />
              <CellView cell={r.recall} />
              <CellView cell={r.f1} />
              <td title={r.tooFew ? `Fewer than ${minPerClass} ${split} labels: a shaky figure` : undefined}>
                {r.support}
                {r.tooFew && <span className="warn-text"> ⚠ below {minPerClass}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function CellView({ cell }: { cell: Cell }) {
  if (!cell.reason) return <td>{cell.text}</td>;
  return (
    <td className="undefined-cell" title={`Not defined: ${cell.reason}`}>
      — <span className="cell-reason">{cell.reason}</span>
    </td>
  );
}
