import type { RunRecord } from '../../../../shared/ml/runs';
import type { ClassDef } from '../../../../shared/domain/records';
import { duration, percent } from '../../store/trainingJob';
import { intervalText, isTooFew, tooFewText } from '../../../../shared/domain/honestFigures';
import { wilsonInterval } from '../../../../shared/domain/intervals';

/** "Mar 3, 14:05": when a run started, short enough for a table. */
export function runTime(run: RunRecord): string {
  return new Date(run.createdAt).toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
}

export function headText(run: RunRecord): string {
  return run.head.kind === 'mlp' ? `MLP ${run.head.hiddenUnits}` : 'linear';
}

/** "Cat 12/3 · Dog 10/2": train/val labels per class, for the hover text and the details. */
export function perClassLabels(run: RunRecord, classes: readonly ClassDef[]): { name: string; train: number; val: number }[] {
  return run.classIds.map((id) => ({
    name: classes.find((c) => c.id === id)?.name ?? 'a removed class',
    train: run.labels.perClass[id]?.train ?? 0,
    val: run.labels.perClass[id]?.val ?? 0,
  }));
}

export function perClassText(run: RunRecord, classes: readonly ClassDef[]): string {
  return perClassLabels(run, classes)
    .map((c) => `${c.name} ${c.train}/${c.val}`)
    .join(' · ');
}

/** How training ended: which epoch's weights were kept and whether early stopping cut it short. */
export function stoppingText(run: RunRecord): string {
  const ran = run.history.length;
  if (ran === 0) return run.status === 'succeeded' ? '—' : 'no epoch finished';
  if (run.status !== 'succeeded') return `${ran} of ${run.head.epochs} epochs before it ${run.status === 'cancelled' ? 'was cancelled' : run.status}`;
  const best = run.bestEpoch !== null ? `best epoch ${run.bestEpoch} kept` : 'last epoch kept';
  return run.stoppedEarly ? `stopped early after ${ran} of ${run.head.epochs} epochs; ${best}` : `${ran} of ${run.head.epochs} epochs; ${best}`;
}

/** "75.0% (95% interval 30–95%) … n = 4: too few val labels": the val figure of a run with what it rests on. */
export function valText(val: NonNullable<NonNullable<RunRecord['metrics']>['val']>): string {
  const interval = wilsonInterval(Math.round(val.accuracy * val.count), val.count);
  const base = `accuracy ${percent(val.accuracy, 1)}${interval ? ` (95% interval ${intervalText(interval)})` : ''}, macro-F1 ${percent(val.macroF1, 1)}, loss ${val.loss.toFixed(3)}; n = ${val.count}`;
  return isTooFew(val.count) ? `${base}: ${tooFewText('val')}, read as rough` : base;
}

/** The Model tab's val-accuracy cell: the figure and n, muted under the minimum. */
export function valCell(run: RunRecord): { text: string; muted: boolean; title: string } {
  const val = run.metrics?.val;
  if (!val) return { text: '—', muted: true, title: run.status === 'succeeded' ? 'No val labels when it trained' : '' };
  return { text: `${percent(val.accuracy, 1)} (n = ${val.count})`, muted: isTooFew(val.count), title: valText(val) };
}

/** Every fact of a run as term/description pairs, in the order the details list shows them. */
export function runFacts(run: RunRecord): [string, string][] {
  const h = run.head;
  const facts: [string, string][] = [
    ['Backbone', `${run.backbone.name} (${run.backbone.engine}, ${run.backbone.embeddingSize.toLocaleString('en-US')}-d)`],
    ['Head', `${headText(run)}, dropout ${h.dropout}, ${h.epochs} epochs max, batch ${h.batchSize}, learning rate ${h.learningRate}, L2 ${h.l2}`],
    ['Training options', [`patience ${h.patience}`, `seed ${h.seed}`, h.classWeights ? 'class weights on' : 'class weights off', h.standardize ? 'standardised features' : 'raw features'].join(', ')],
    ['Backend', run.backend ? `${run.backend.name}${run.backend.native ? ' (native)' : ''}` : '—'],
    ['Head engine', run.headEngine === 'wasm-simd' ? "wasm-simd (the studio's WebAssembly SIMD kernels)" : (run.headEngine ?? '—')],
    ['Fine-tuning', run.fineTune.requested ? (run.fineTune.available ? run.fineTune.reason : `requested, not available: ${run.fineTune.reason}`) : 'not requested'],
    ['Warm start', run.warmStartFrom ? `from ${run.warmStartFrom}` : 'none (trained from scratch)'],
    ['Epochs', stoppingText(run)],
    ['Duration', duration(run.durationMs)],
    ['Labels', `${run.labels.train} train, ${run.labels.val} val`],
    ['Label snapshot', run.labels.sha256],
  ];
  if (run.backend && run.backend.skipped.length > 0) facts.splice(4, 0, ['Skipped backends', run.backend.skipped.map((s) => `${s.name}: ${s.reason}`).join('; ')]);
  if (run.executionProviders?.length) facts.splice(4, 0, ['ONNX providers', run.executionProviders.join(', ')]);
  const tuning = run.fineTuning;
  if (tuning) {
    const at = facts.findIndex(([term]) => term === 'Fine-tuning') + 1;
    facts.splice(at, 0, [
      'Fine-tuned layers',
      `${tuning.trainedLayers.join(', ')} (${tuning.formulation} on ${tuning.backend}, from ${tuning.cutLayer}; ${tuning.history.length} epochs at ${tuning.secondsPerEpoch.toFixed(1)} s)`,
    ]);
  }
  if (run.metrics) {
    const { train, val } = run.metrics;
    facts.push(['Train', `accuracy ${percent(train.accuracy, 1)}, macro-F1 ${percent(train.macroF1, 1)}, loss ${train.loss.toFixed(3)} on ${train.count}`]);
    facts.push(['Val', val ? valText(val) : 'no val labels']);
  }
  if (run.status === 'succeeded') facts.push(['Scored', `${run.scored.toLocaleString('en-US')} images${run.unscored ? ` (${run.unscored} could not be read)` : ''}`]);
  return facts;
}
