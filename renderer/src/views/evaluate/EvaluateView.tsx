import { useEffect } from 'react';
import { useStudio } from '../../hooks/useStudio';
import { ConfusionMatrix } from './ConfusionMatrix';
import { LearningCurvePanel } from './LearningCurvePanel';
import { QualityTable } from './QualityTable';
import { SpeedPanel } from './SpeedPanel';
import { AgreementPanel } from './AgreementPanel';
import '../common/panel.css';
import './evaluate.css';

/** How good the model is on the frozen test split, round after round. */
export function EvaluateView() {
  const rounds = useStudio((s) => s.loop.rounds);
  const minTest = useStudio((s) => s.loop.settings?.minTestLabelsPerClass ?? 0);
  const loadRounds = useStudio((s) => s.loadRounds);
  const loadLoopSettings = useStudio((s) => s.loadLoopSettings);
  const speed = useStudio((s) => s.loop.speed);
  const loadSpeed = useStudio((s) => s.loadSpeed);
  useEffect(() => {
    void loadRounds();
    void loadLoopSettings();
    void loadSpeed();
  }, [loadRounds, loadLoopSettings, loadSpeed]);
  const latest = rounds?.findLast((r) => r.test !== null) ?? null;
  return (
    <div className="evaluate-view scroll">
      <div className="evaluate-grid">
        <LearningCurvePanel rounds={rounds} minPerClass={minTest} />
        {latest?.test ? (
          <>
            <section className="panel" aria-labelledby="quality-heading">
              <header className="panel-head">
                <h2 id="quality-heading">Per class, round {latest.round}</h2>
                <span className="faint">
                  {latest.test.count.toLocaleString('en-US')} test labels · accuracy {(latest.test.accuracy * 100).toFixed(1)}% · macro-F1 {(latest.test.macroF1 * 100).toFixed(1)}% · ECE {latest.test.ece.toFixed(3)}
                </span>
              </header>
              <QualityTable evaluation={latest.test} minPerClass={minTest} />
            </section>
            <section className="panel" aria-labelledby="confusion-heading">
              <header className="panel-head">
                <h2 id="confusion-heading">Confusion matrix, round {latest.round}</h2>
                <span className="faint">rows: true class · columns: predicted · click a count to see and relabel its images</span>
              </header>
              <ConfusionMatrix evaluation={latest.test} round={latest.round} runId={latest.runId} />
            </section>
          </>
        ) : (
          rounds !== null && (
            <section className="panel">
              <p className="muted">No test figures yet. They appear after a run once the frozen test split has labels; the queue asks for them (marked “held-out test image”).</p>
            </section>
          )
        )}
        {speed && <SpeedPanel speed={speed} />}
        <AgreementPanel />
      </div>
    </div>
  );
}
