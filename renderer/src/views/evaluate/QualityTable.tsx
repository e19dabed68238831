import type { Evaluation } from '../../../../shared/contract/loop';
import { useStudio } from '../../hooks/useStudio';
import { selectClasses } from '../../store/selectors';
import { classQuality } from './learningCurve';

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

/** Precision, recall and F1 per class, with the test labels behind each row; too few are flagged. */
export function QualityTable({ evaluation, minPerClass }: { evaluation: Evaluation; minPerClass: number }) {
  const classes = useStudio(selectClasses);
  const rows = classQuality(evaluation, classes, minPerClass);
  const short = rows.filter((r) => r.tooFew);
  return (
    <>
      {short.length > 0 && (
        <p className="warn-text" role="note">
          {short.length} class{short.length === 1 ? ' has' : 'es have'} fewer than {minPerClass} test labels: {short.map((r) => r.name).join(', ')}. Their figures can swing a lot; keep labeling the held-out images the queue asks for.
        </p>
      )}
      <table className="quality-table" aria-label="Per-class quality">
        <thead>
          <tr>
            <th scope="col">Class</th>
            <th scope="col">Precision</th>
            <th scope="col">Recall</th>
            <th scope="col">F1</th>
            <th scope="col">Test labels</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.classId} className={r.tooFew ? 'too-few' : undefined}>
              <td>
                <span className="swatch" style={{ background: r.color }} /> {r.name}
              </td>
              <td>{pct(r.precision)}</td>
              <td>{pct(r.recall)}</td>
              <td>{pct(r.f1)}</td>
              <td title={r.tooFew ? `Fewer than ${minPerClass} test labels: a shaky figure` : undefined}>
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
