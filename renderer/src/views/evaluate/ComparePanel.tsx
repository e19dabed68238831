import { useState } from 'react';
import type { EvaluationReport } from '../../../../shared/contract/evaluate';
import { useStudio } from '../../hooks/useStudio';
import { ComparisonTable } from './ComparisonTable';
import { RunPicker } from './RunPicker';

/** Pick two runs: their figures on the same test labels, what changed per class, and the images fixed or broken. */
export function ComparePanel({ report }: { report: EvaluationReport }) {
  const comparison = useStudio((s) => s.evaluate.comparison);
  const compare = useStudio((s) => s.compareRuns);
  const [base, setBase] = useState<string | null>(comparison?.baseRunId ?? report.runs[1]?.id ?? null);
  const [other, setOther] = useState<string | null>(comparison?.runId ?? report.runs[0]?.id ?? null);
  if (report.runs.length < 2) return null;
  return (
    <section className="panel" aria-labelledby="compare-heading">
      <header className="panel-head">
        <h2 id="compare-heading">Compare two runs</h2>
        <span className="faint">on the test labels both scored</span>
      </header>
      <div className="compare-pickers">
        <RunPicker label="Before" runs={report.runs} value={base} onChange={setBase} />
        <RunPicker label="After" runs={report.runs} value={other} onChange={setOther} />
        <button type="button" className="small" disabled={!base || !other || base === other} onClick={() => base && other && void compare(base, other)}>
          Compare
        </button>
      </div>
      {comparison?.result ? <ComparisonTable comparison={comparison.result} /> : comparison && <p className="faint">Comparing…</p>}
    </section>
  );
}
