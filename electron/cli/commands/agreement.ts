import { defineCommand } from '../command';
import type { AgreementReport } from '../../../shared/domain/agreementReport';
import { projectAgreement } from '../../services/team/projectAgreement';
import { withProject } from '../projectArgs';

/** The report with class and run names spelled out for people and scripts alike. */
type AgreementOutput = AgreementReport & { classNames: string[] };

const figure = (value: number | null, items: number, min: number): string => (value === null ? '—' : `${value.toFixed(3)}${items < min ? ' (few items)' : ''}`);

export const agreementCommand = defineCommand<AgreementOutput>({
  name: 'agreement',
  usage: 'agreement DIR',
  summary: "Inter-annotator agreement: Krippendorff's alpha overall and per class, Cohen's kappa and confusion per pair, each person vs the model.",
  positionals: 1,
  run: ({ positionals }) =>
    withProject(positionals[0], { readOnly: true, purpose: 'cli agreement' }, async (project) => {
      const report = await projectAgreement(project);
      const names = new Map(project.doc.classes.map((c) => [c.id, c.name]));
      return { ...report, classNames: report.classIds.map((id) => names.get(id) ?? id) };
    }),
  format: (r) => {
    const lines = [`Items answered independently by two or more people: ${r.items}`, `Krippendorff's alpha (nominal): ${figure(r.alpha, r.items, r.minItems)}`, '', 'Per class (that class against the rest):'];
    r.perClass.forEach((c, i) => lines.push(`  ${r.classNames[i].padEnd(20)} ${String(c.items).padStart(6)} items  alpha ${figure(c.alpha, c.items, r.minItems)}`));
    lines.push('', "Pairs (Cohen's kappa):");
    if (!r.pairs.length) lines.push('  none yet: set an overlap rate (studio team DIR --overlap 0.1) so two people label some images');
    for (const p of r.pairs) lines.push(`  ${p.a} / ${p.b}: ${p.items} items, kappa ${figure(p.kappa, p.items, r.minItems)}, same class ${p.observed === null ? '—' : `${(p.observed * 100).toFixed(1)} %`}`);
    lines.push('', `Each person vs the model${r.model.runId ? ` (run ${r.model.runId}; answers it did not learn from)` : ': no trained model yet'}:`);
    for (const m of r.model.people) lines.push(`  ${m.annotator.padEnd(20)} ${String(m.items).padStart(6)} items  agreement ${m.agreement === null ? '—' : `${(m.agreement * 100).toFixed(1)} %`}  kappa ${figure(m.kappa, m.items, r.minItems)}`);
    return lines.join('\n');
  },
});
