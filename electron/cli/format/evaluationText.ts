import type { Evaluation } from '../../../shared/contract/evaluation';
import type { Delta } from '../../../shared/contract/evaluate';
import { intervalText, tooFewText } from '../../../shared/domain/honestFigures';
import type { EvaluateOutput } from '../commands/evaluate';

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);
const signed = (v: number | null) => (v === null ? '—' : `${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)}`);
const reasons = { 'no-labels': 'no labels', 'never-predicted': 'never predicted' } as const;

/** `studio evaluate` for people: the same figures as --json, each with its interval and n, "—" with the reason where undefined. */
export function evaluationText(out: EvaluateOutput): string {
  const name = (id: string) => out.classes.find((c) => c.id === id)?.name ?? id;
  const lines: string[] = [];
  if (!out.run) return out.notes.test ?? 'No model yet.';
  const run = out.run;
  lines.push(`Run ${run.id}${run.round ? ` (round ${run.round})` : ''}: ${run.backbone}, ${run.head} head, learned from ${run.labels.train} train + ${run.labels.val} val labels`);
  for (const [title, evaluation, note] of [['Test', out.test, out.notes.test], ['Val (used for early stopping: optimistic)', out.val, out.notes.val]] as const) {
    lines.push('', evaluation ? splitText(title, evaluation, name) : `${title}: ${note}`);
  }
  if (out.testLabelsChosenByModel > 0) lines.push('', `${out.testLabelsChosenByModel} test label(s) were set in views of the model's predictions (drill-down, failure cases, gallery by confidence, suspected-label review).`);
  lines.push('', curveText(out));
  if (out.failures) lines.push('', failuresText(out, name));
  if (out.comparison) lines.push('', comparisonText(out, name));
  return lines.join('\n');
}

function splitText(title: string, e: Evaluation, name: (id: string) => string): string {
  const lines = [`${title}: n = ${e.count}${e.tooFew ? ` — ${tooFewText(e.split)}: read these figures as rough` : ''}`];
  lines.push(`  accuracy ${pct(e.accuracy?.value)} (95% interval ${e.accuracy ? intervalText(e.accuracy) : '—'})   macro-F1 ${pct(e.macroF1?.value)} (95% interval ${e.macroF1 ? intervalText(e.macroF1) : '—'}, over ${e.macroF1?.classes ?? 0} classes with labels)   ECE ${e.ece?.toFixed(3) ?? '—'}`);
  if (e.chosenByModel.count > 0) {
    lines.push(`  ${e.chosenByModel.count} of these labels were chosen by model disagreement; without them: accuracy ${pct(e.chosenByModel.accuracyWithout?.value)} (n = ${e.chosenByModel.countWithout})`);
  }
  if (e.leakyExcluded) lines.push(`  ${e.leakyExcluded} labeled test image(s) left out: a near-copy sits in train or val (see \`studio quality\`)`);
  lines.push(`  ${'class'.padEnd(18)} ${'precision'.padEnd(18)} ${'recall'.padEnd(18)} ${'F1'.padEnd(18)} n`);
  for (const c of e.perClass) {
    const cell = (v: number | null, why: keyof typeof reasons | undefined) => (v === null ? `— ${why ? reasons[why] : ''}` : pct(v)).padEnd(18);
    lines.push(`  ${name(c.classId).slice(0, 18).padEnd(18)} ${cell(c.precision, c.missing.precision)} ${cell(c.recall, c.missing.recall)} ${cell(c.f1, c.missing.f1)} ${c.support}`);
  }
  lines.push('  confusion (rows: true class, columns: predicted)');
  const width = Math.max(6, ...e.classIds.map((id) => Math.min(12, name(id).length)));
  lines.push(`  ${''.padEnd(18)} ${e.classIds.map((id) => name(id).slice(0, 12).padStart(width)).join(' ')}`);
  e.confusion.forEach((row, r) => lines.push(`  ${name(e.classIds[r]).slice(0, 18).padEnd(18)} ${row.map((v) => String(v).padStart(width)).join(' ')}`));
  return lines.join('\n');
}

function curveText(out: EvaluateOutput): string {
  const { curve } = out;
  const head = `Learning curve: ${out.rounds.length} round(s); ${curve.scored} scored on the same ${curve.testLabels} test labels${curve.unscored ? `; ${curve.unscored} without probabilities on disk` : ''}`;
  const rows = out.rounds.map((r) => {
    const strategy = r.picked && r.picked.length > 1 ? `mixed (${r.picked.map((p) => `${p.strategy} ${p.labels}`).join(', ')})` : r.strategy;
    const test = r.test ? `${pct(r.test.accuracy?.value)} [${r.test.accuracy ? intervalText(r.test.accuracy) : '—'}]  macro-F1 ${pct(r.test.macroF1?.value)}` : `— ${r.testNote}`;
    const val = r.val ? `${pct(r.val.value)} (n = ${r.val.n})` : '—';
    return `  ${String(r.round).padEnd(5)} ${String(r.labels).padEnd(7)} ${strategy.padEnd(24)} val ${val.padEnd(16)} test ${test}${r.retrains ? `  (retrained ×${r.retrains})` : ''}`;
  });
  return [head, `  ${'round'.padEnd(5)} ${'labels'.padEnd(7)} ${'strategy'.padEnd(24)}`, ...rows].join('\n');
}

function failuresText(out: EvaluateOutput, name: (id: string) => string): string {
  const f = out.failures!;
  const lines = [`Failure cases on ${f.labeled} labeled ${f.splits.join(' + ')} images, most confident first:`];
  for (const c of f.perClass) {
    if (!c.falsePositives.count && !c.falseNegatives.count) continue;
    lines.push(`  ${name(c.classId)}: ${c.falsePositives.count} false positive(s), ${c.falseNegatives.count} false negative(s) of ${c.support}`);
    for (const m of c.falsePositives.cases) lines.push(`    FP ${m.sampleId} (${m.split}) predicted ${name(m.predictedClassId)} ${pct(m.probability)}, labeled ${name(m.trueClassId)}`);
    for (const m of c.falseNegatives.cases) lines.push(`    FN ${m.sampleId} (${m.split}) labeled ${name(m.trueClassId)}, predicted ${name(m.predictedClassId)} ${pct(m.probability)}`);
  }
  return lines.join('\n');
}

function comparisonText(out: EvaluateOutput, name: (id: string) => string): string {
  const c = out.comparison!;
  const d = (label: string, x: Delta) => `${label} ${pct(x.base)} → ${pct(x.other)} (${signed(x.delta)} points)`;
  const lines = [`Compared with ${c.base.id} on the same ${c.count} test labels${c.tooFew ? ` — ${tooFewText('test')}` : ''}: ${d('accuracy', c.accuracy)}, ${d('macro-F1', c.macroF1)}`];
  lines.push(`  predictions changed: ${c.changed.fixed} fixed, ${c.changed.broken} broken, ${c.changed.otherwise} to another wrong class`);
  for (const p of c.perClass) lines.push(`  ${name(p.classId).slice(0, 18).padEnd(18)} n = ${String(p.n).padEnd(5)} ${d('F1', p.f1)}`);
  return lines.join('\n');
}
