import type { RunComparison } from '../../../../shared/contract/evaluate';
import { useStudio } from '../../hooks/useStudio';
import { selectClasses } from '../../store/selectors';
import { deltaText, mutedNote, percentText } from './figures';

/** Figures of two runs side by side with their difference, per class with n; the changed predictions open in the gallery. */
export function ComparisonTable({ comparison: c }: { comparison: RunComparison }) {
  const classes = useStudio(selectClasses);
  const showInGallery = useStudio((s) => s.showInGallery);
  const name = (id: string) => classes.find((k) => k.id === id)?.name ?? 'a removed class';
  const open = (change: 'fixed' | 'broken') =>
    showInGallery(
      { status: 'labeled', split: 'test', where: [{ kind: 'changed', runId: c.other.id, baseRunId: c.base.id, change }] },
      { view: 'run-comparison', title: `${change} by the later run` },
    );
  const rows = [
    { key: 'accuracy', label: 'Accuracy', n: c.count, delta: c.accuracy },
    { key: 'macro-f1', label: 'Macro-F1', n: c.count, delta: c.macroF1 },
    ...c.perClass.map((p) => ({ key: p.classId, label: `F1 of ${name(p.classId)}`, n: p.n, delta: p.f1 })),
  ];
  return (
    <>
      <p className={c.tooFew ? 'figure-muted' : undefined}>
        n = {c.count} test labels{c.tooFew && ` — ${mutedNote('test')}`}
      </p>
      <table className="quality-table" aria-label="Run comparison">
        <thead>
          <tr>
            <th scope="col">Figure</th>
            <th scope="col">Before</th>
            <th scope="col">After</th>
            <th scope="col">Change</th>
            <th scope="col">n</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} className={r.n < 30 ? 'too-few' : undefined}>
              <td>{r.label}</td>
              <td>{percentText(r.delta.base)}</td>
              <td>{percentText(r.delta.other)}</td>
              <td className={r.delta.delta === null ? 'faint' : r.delta.delta > 0 ? 'good-text' : r.delta.delta < 0 ? 'warn-text' : undefined}>{deltaText(r.delta.delta)}</td>
              <td>{r.n}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="compare-changes">
        Predictions that changed:{' '}
        <button type="button" className="link-button" disabled={c.changed.fixed === 0} onClick={() => open('fixed')}>
          {c.changed.fixed} fixed
        </button>{' '}
        ·{' '}
        <button type="button" className="link-button" disabled={c.changed.broken === 0} onClick={() => open('broken')}>
          {c.changed.broken} broken
        </button>{' '}
        · {c.changed.otherwise} to another wrong class
      </p>
    </>
  );
}
