import type { EvaluationReport } from '../../../../shared/contract/evaluate';
import { LineChart, type MarkerShape } from '../charts/LineChart';
import { curveSeries } from './learningCurve';
import { RoundsTable } from './RoundsTable';

const percent = (v: number) => `${Math.round(v * 100)}%`;

/**
 * Test accuracy and macro-F1 against labels, one point per round, every round scored on the
 * same (today's) test labels, marked by what picked its labels.
 */
export function LearningCurvePanel({ report, minPerClass }: { report: EvaluationReport | null; minPerClass: number }) {
  const rounds = report?.rounds ?? null;
  const { series, labels, markers } = curveSeries(rounds ?? []);
  const curve = report?.curve;
  return (
    <section className="panel wide-panel" aria-labelledby="curve-heading">
      <header className="panel-head">
        <h2 id="curve-heading">Learning curve</h2>
        {rounds && curve && (
          <span className={curve.testLabels > 0 && curve.testLabels < (report?.minimum ?? 0) ? 'figure-muted' : 'faint'}>
            {rounds.length} round{rounds.length === 1 ? '' : 's'}
            {curve.scored > 0 && `, all scored on the same ${curve.testLabels} test labels (n = ${curve.testLabels})`}
            {curve.unscored > 0 && `; ${curve.unscored} without probabilities on disk`}
          </span>
        )}
      </header>
      {rounds === null ? (
        <p className="faint">Loading the rounds…</p>
      ) : (
        <>
          <LineChart
            title="Learning curve: test accuracy and macro-F1 against labels"
            series={series}
            x={labels}
            y={{ min: 0, max: 1 }}
            xLabel="labels used (train + val)"
            integerX
            formatX={(v) => v.toLocaleString('en-US')}
            formatY={percent}
            height={240}
            empty="Each training round adds a point here: test accuracy against the labels it learned from."
          />
          {markers.size > 0 && (
            <p className="strategy-legend" aria-label="Strategies">
              <span className="faint">Labels picked by:</span>
              {[...markers].map(([strategy, shape]) => (
                <span key={strategy} className="legend-item">
                  <MarkerIcon shape={shape} /> <span className="mono">{strategy}</span>
                </span>
              ))}
            </p>
          )}
          {rounds.length > 0 && <RoundsTable rounds={rounds} minPerClass={minPerClass} />}
        </>
      )}
    </section>
  );
}

function MarkerIcon({ shape }: { shape: MarkerShape }) {
  const body =
    shape === 'square' ? <rect x={2} y={2} width={8} height={8} /> : shape === 'triangle' ? <polygon points="6,1 11,11 1,11" /> : shape === 'diamond' ? <polygon points="6,0 12,6 6,12 0,6" /> : <circle cx={6} cy={6} r={4.5} />;
  return (
    <svg className="marker-icon" width={12} height={12} aria-hidden="true">
      {body}
    </svg>
  );
}
