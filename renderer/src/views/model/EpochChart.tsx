import type { EpochFigures } from '../../../../shared/ml/runs';
import { LineChart } from '../charts/LineChart';
import { epochCharts } from './epochSeries';

interface EpochChartProps {
  history: readonly EpochFigures[];
  plannedEpochs: number | null;
  bestEpoch?: number | null;
}

const percent = (v: number) => `${Math.round(v * 100)}%`;
/** Loss ticks with as many decimals as their size needs: 10, 2.5, 0.25. */
const lossLabel = (v: number) => (v >= 10 ? v.toFixed(0) : v >= 1 ? String(Number(v.toFixed(1))) : String(Number(v.toFixed(2))));

/** Loss and accuracy per epoch, train and val, side by side. */
export function EpochChart({ history, plannedEpochs, bestEpoch = null }: EpochChartProps) {
  const charts = epochCharts(history, plannedEpochs, bestEpoch);
  const waiting = 'The first epoch appears here when it ends.';
  return (
    <div className="epoch-charts">
      <LineChart title="Loss per epoch" series={charts.loss} x={charts.epochs} y={charts.lossRange} xLabel="epoch" integerX formatY={lossLabel} empty={waiting} />
      <LineChart title="Accuracy per epoch" series={charts.accuracy} x={charts.epochs} y={{ min: 0, max: 1 }} xLabel="epoch" integerX formatY={percent} empty={waiting} />
      {history.length > 0 && !charts.hasVal && <p className="hint-text epoch-note">No val labels yet, so no validation curve and no early stopping.</p>}
    </div>
  );
}
