import type { EvaluationReport } from '../../../../shared/contract/evaluate';
import { useStudio } from '../../hooks/useStudio';
import { RunPicker } from './RunPicker';
import { SplitHeadline } from './SplitHeadline';

/** The chosen run on today's test and val labels: the figures a lead reads first, each with its interval and n. */
export function HeadlinePanel({ report }: { report: EvaluationReport }) {
  const runId = useStudio((s) => s.evaluate.runId);
  const choose = useStudio((s) => s.chooseEvaluationRun);
  return (
    <section className="panel wide-panel" aria-labelledby="headline-heading">
      <header className="panel-head">
        <h2 id="headline-heading">{report.run ? `How the model does${report.run.round ? `, round ${report.run.round}` : ''}` : 'How the model does'}</h2>
        {report.runs.length > 0 && <RunPicker label="Run" runs={report.runs} value={runId} onChange={choose} latestLabel="Latest run" />}
      </header>
      <div className="headline-splits">
        <SplitHeadline title="Test" evaluation={report.test} note={report.notes.test} />
        <SplitHeadline title="Val" evaluation={report.val} note={report.notes.val} />
      </div>
      <p className="faint">
        Figures with fewer than {report.minimum} labels are greyed: with so few, one label moves them by several points. Val labels also stop training early, so val figures run a little high.
      </p>
    </section>
  );
}
