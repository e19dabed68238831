import { useEffect } from 'react';
import { useStudio } from '../../hooks/useStudio';
import { ComparePanel } from './ComparePanel';
import { ConfusionMatrix } from './ConfusionMatrix';
import { FailureCasesPanel } from './FailureCasesPanel';
import { HeadlinePanel } from './HeadlinePanel';
import { LearningCurvePanel } from './LearningCurvePanel';
import { QualityTable } from './QualityTable';
import { SpeedPanel } from './SpeedPanel';
import { AgreementPanel } from './AgreementPanel';
import '../common/panel.css';
import './evaluate.css';

/** How good the model is on today's labels of the frozen test split, round after round, and where it fails. */
export function EvaluateView() {
  const report = useStudio((s) => s.evaluate.report);
  const failures = useStudio((s) => s.evaluate.failures);
  const minTest = useStudio((s) => s.loop.settings?.minTestLabelsPerClass ?? 0);
  const loadEvaluation = useStudio((s) => s.loadEvaluation);
  const loadLoopSettings = useStudio((s) => s.loadLoopSettings);
  useEffect(() => {
    void loadEvaluation();
    void loadLoopSettings();
  }, [loadEvaluation, loadLoopSettings]);
  const test = report?.test ?? null;
  const run = report?.run ?? null;
  return (
    <div className="evaluate-view scroll">
      <div className="evaluate-grid">
        {report && <HeadlinePanel report={report} />}
        <LearningCurvePanel report={report} minPerClass={minTest} />
        {test && run && (
          <>
            <section className="panel" aria-labelledby="quality-heading">
              <header className="panel-head">
                <h2 id="quality-heading">Per class{run.round ? `, round ${run.round}` : ''}</h2>
                <span className={test.tooFew ? 'figure-muted' : 'faint'}>n = {test.count.toLocaleString('en-US')} test labels</span>
              </header>
              <QualityTable evaluation={test} minPerClass={minTest} />
            </section>
            <section className="panel" aria-labelledby="confusion-heading">
              <header className="panel-head">
                <h2 id="confusion-heading">Confusion matrix{run.round ? `, round ${run.round}` : ''}</h2>
                <span className="faint">rows: true class · columns: predicted · click a count to see its images and send them to review</span>
              </header>
              <ConfusionMatrix evaluation={test} round={run.round} runId={run.id} />
            </section>
          </>
        )}
        {failures && <FailureCasesPanel failures={failures} />}
        {report && <ComparePanel report={report} />}
        {report && <SpeedPanel speed={report.speed} />}
        <AgreementPanel />
      </div>
    </div>
  );
}
