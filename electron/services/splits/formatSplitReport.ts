import type { SplitReport } from '../../../shared/contract/splits';

const pct = (n: number, total: number) => (total === 0 ? '—' : `${((100 * n) / total).toFixed(1)} %`);

/** The split report as text, for `studio status`. */
export function formatSplitReport(r: SplitReport): string {
  const lines = [`Split report (target ${r.ratios.train * 100}/${r.ratios.val * 100}/${r.ratios.test * 100}, tolerance ±1 image or 1 % per imported label):`];
  for (const s of r.strata) {
    const name = (s.label ?? '(no imported label)').padEnd(22);
    const mark = s.withinTolerance ? 'ok' : 'OFF TARGET';
    lines.push(`  ${name} ${String(s.total).padStart(7)}   train ${s.perSplit.train}  val ${s.perSplit.val}  test ${s.perSplit.test} (${pct(s.perSplit.test, s.total)})   ${mark}`);
  }
  const g = r.groups;
  lines.push(`Near-duplicate groups: ${g.count} (${g.images} images); ${g.keptWhole} kept whole in one split; ${g.straddling.length} straddle splits.`);
  for (const s of g.straddling.slice(0, 10)) lines.push(`  straddling: ${s.images} images (train ${s.perSplit.train}, val ${s.perSplit.val}, test ${s.perSplit.test}), e.g. ${s.samples.slice(0, 3).join(', ')}`);
  for (const x of g.resplit) {
    lines.push(
      x.stillOversized
        ? `  a group of ${x.images} images is over the cap of ${g.cap} and cannot be cut (identical images); largest part ${x.largestPart}`
        : `  a group of ${x.images} images was over the cap of ${g.cap}: cut ${x.stricterBy} bit(s) stricter into ${x.parts} parts`,
    );
  }
  if (g.notCompared) lines.push(`  ${g.notCompared} small image(s) imported before the fine hash existed are not compared with others.`);
  return lines.join('\n');
}
