import type { EpochFigures } from '../../../../shared/ml/runs';
import type { ChartSeries } from '../charts/LineChart';
import { extent, niceDomain, type Domain } from '../charts/scales';

export interface EpochCharts {
  loss: ChartSeries[];
  accuracy: ChartSeries[];
  epochs: Domain;
  lossRange: Domain;
  /** Whether any epoch carried validation figures (the val split had labels). */
  hasVal: boolean;
}

/**
 * A run's epochs as the Model tab draws them: loss and accuracy, train solid and val
 * dashed. The x axis spans the planned epochs, so a live chart shows how far it has to go;
 * the best epoch (the weights kept) is marked on the val lines.
 */
export function epochCharts(history: readonly EpochFigures[], plannedEpochs: number | null, bestEpoch: number | null = null): EpochCharts {
  const lastEpoch = history.at(-1)?.epoch ?? 1;
  const epochs = { min: 1, max: Math.max(2, lastEpoch, plannedEpochs ?? 0) };
  const val = history.filter((e) => e.valLoss !== undefined && e.valAccuracy !== undefined);
  const best = (e: EpochFigures) => (e.epoch === bestEpoch ? { marker: 'diamond' as const } : {});
  const bestNote = (e: EpochFigures) => (e.epoch === bestEpoch ? ' (best epoch, kept)' : '');
  const loss: ChartSeries[] = [
    { id: 'train-loss', name: 'train loss', tone: 1, points: history.map((e) => ({ x: e.epoch, y: e.loss, label: `epoch ${e.epoch}: train loss ${e.loss.toFixed(3)}` })) },
  ];
  const accuracy: ChartSeries[] = [
    { id: 'train-accuracy', name: 'train accuracy', tone: 1, points: history.map((e) => ({ x: e.epoch, y: e.accuracy, label: `epoch ${e.epoch}: train accuracy ${pct(e.accuracy)}` })) },
  ];
  if (val.length > 0) {
    loss.push({
      id: 'val-loss',
      name: 'val loss',
      tone: 2,
      dashed: true,
      points: val.map((e) => ({ x: e.epoch, y: e.valLoss!, label: `epoch ${e.epoch}: val loss ${e.valLoss!.toFixed(3)}${bestNote(e)}`, ...best(e) })),
    });
    accuracy.push({
      id: 'val-accuracy',
      name: 'val accuracy',
      tone: 2,
      dashed: true,
      points: val.map((e) => ({ x: e.epoch, y: e.valAccuracy!, label: `epoch ${e.epoch}: val accuracy ${pct(e.valAccuracy!)}${bestNote(e)}`, ...best(e) })),
    });
  }
  const losses = [...history.map((e) => e.loss), ...val.map((e) => e.valLoss!)];
  const top = losses.length > 0 ? extent(losses).max : 0;
  return { loss, accuracy, epochs, lossRange: top > 0 ? niceDomain({ min: 0, max: top }, 4) : { min: 0, max: 1 }, hasVal: val.length > 0 };
}

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
