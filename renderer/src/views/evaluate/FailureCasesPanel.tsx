import { useState } from 'react';
import type { FailureCases } from '../../../../shared/contract/evaluate';
import { useStudio } from '../../hooks/useStudio';
import type { HeldOutSplit } from '../../store/evaluateSlice';
import { selectClasses } from '../../store/selectors';
import { FailureCaseStrip } from './FailureCaseStrip';

const splitChoices: { id: string; splits: HeldOutSplit[]; title: string }[] = [
  { id: 'both', splits: ['val', 'test'], title: 'Val + test' },
  { id: 'test', splits: ['test'], title: 'Test' },
  { id: 'val', splits: ['val'], title: 'Val' },
];

/**
 * Where the model goes wrong, per class: false positives (predicted as the class, labeled
 * otherwise) and false negatives, on labeled held-out images, most confident mistakes first.
 */
export function FailureCasesPanel({ failures }: { failures: FailureCases }) {
  const classes = useStudio(selectClasses);
  const splits = useStudio((s) => s.evaluate.failureSplits);
  const setSplits = useStudio((s) => s.setFailureSplits);
  const showInGallery = useStudio((s) => s.showInGallery);
  const worst = [...failures.perClass].sort((a, b) => b.falsePositives.count + b.falseNegatives.count - (a.falsePositives.count + a.falseNegatives.count))[0];
  const [chosen, setChosen] = useState<string | null>(null);
  const entry = failures.perClass.find((c) => c.classId === (chosen ?? worst?.classId)) ?? null;
  const name = (id: string) => classes.find((c) => c.id === id)?.name ?? 'a removed class';
  const inGallery = (kind: 'fp' | 'fn') => {
    if (!entry) return;
    const split = splits.length === 1 ? splits[0] : null;
    const cls = name(entry.classId);
    showInGallery(
      {
        status: 'labeled',
        split,
        classId: kind === 'fn' ? entry.classId : null,
        where: [{ kind: 'prediction', runId: failures.runId, correct: false, ...(kind === 'fp' ? { classId: entry.classId } : {}) }],
        sort: { by: 'confidence', runId: failures.runId, order: 'desc' },
      },
      { view: 'failure-cases', title: kind === 'fp' ? `wrongly predicted as ${cls}` : `${cls} predicted as something else` },
    );
  };
  const choice = splitChoices.find((c) => c.splits.join() === splits.join())?.id ?? 'both';
  return (
    <section className="panel wide-panel" aria-labelledby="failures-heading">
      <header className="panel-head">
        <h2 id="failures-heading">Failure cases</h2>
        <span className="faint">{failures.labeled.toLocaleString('en-US')} labeled images · most confident mistakes first</span>
        <div className="segmented" role="group" aria-label="Failure cases from">
          {splitChoices.map((c) => (
            <button key={c.id} type="button" aria-pressed={choice === c.id} className={choice === c.id ? 'active' : ''} onClick={() => setSplits(c.splits)}>
              {c.title}
            </button>
          ))}
        </div>
      </header>
      {!entry ? (
        <p className="muted">No labeled held-out images yet.</p>
      ) : (
        <>
          <label className="filter-select">
            Class
            <select value={entry.classId} onChange={(e) => setChosen(e.target.value)}>
              {failures.perClass.map((c) => (
                <option key={c.classId} value={c.classId}>
                  {name(c.classId)}: {c.falsePositives.count} false positive{c.falsePositives.count === 1 ? '' : 's'}, {c.falseNegatives.count} false negative{c.falseNegatives.count === 1 ? '' : 's'} ({c.support} labeled)
                </option>
              ))}
            </select>
          </label>
          <FailureCaseStrip label={`Predicted ${name(entry.classId)}, labeled otherwise`} cases={entry.falsePositives.cases} count={entry.falsePositives.count} onMore={() => inGallery('fp')} />
          <FailureCaseStrip label={`Labeled ${name(entry.classId)}, predicted otherwise`} cases={entry.falseNegatives.cases} count={entry.falseNegatives.count} onMore={() => inGallery('fn')} />
        </>
      )}
    </section>
  );
}
