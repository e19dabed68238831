import { resolve } from 'node:path';
import { defineCommand, UsageError } from '../command';
import { importRequestSchema, type ImportProgress, type ImportReport } from '../../../shared/contract/imports';
import { runImport } from '../../services/ingest';
import { stringOption, withProject } from '../projectArgs';
import { BackboneProposals } from '../../services/loop/BackboneProposals';
import { LoopStore } from '../../services/loop/LoopStore';

export const importCommand = defineCommand<ImportReport>({
  name: 'import',
  usage: 'import DIR SOURCE... [--labels-from folders|FILE]',
  summary:
    'Import images from folders (recursively) and files; duplicates are skipped, bad files listed. Labels from folder names (train/ val/ test/<class>/ keeps the split too) or a labels file: CSV, JSON lines or Label Studio JSON, told apart by content.',
  positionals: 2,
  options: { 'labels-from': { type: 'string' } },
  async run({ positionals, values, progress, signal }) {
    const [dir, ...sources] = positionals;
    const from = stringOption(values, 'labels-from');
    const labels = !from || from === 'none' ? { labelsFrom: 'none' } : from === 'folders' ? { labelsFrom: 'folders' } : { labelsFrom: 'file', labelsFile: resolve(from) };
    const parsed = importRequestSchema.safeParse({ sources: sources.map((s) => resolve(s)), ...labels });
    if (!parsed.success) throw new UsageError(`Cannot import: ${parsed.error.issues[0].message}.`);
    return withProject(dir, { readOnly: false, purpose: 'cli import' }, async (project) => {
      const report = await runImport(project, parsed.data, { signal, onProgress: progressLines(progress), annotator: 'import' });
      const { proposal, followed } = await new BackboneProposals(project, await LoopStore.open(project)).refresh();
      if (proposal) progress(`backbone: ${followed ? `using ${proposal.backboneId}` : `${proposal.backboneId} proposed, keeping your choice`}. ${proposal.reason}`);
      return report;
    });
  },
  format: formatReport,
});

/** A line when the phase changes and every two seconds: enough to see it move, not a flood. */
function progressLines(print: (line: string) => void): (p: ImportProgress) => void {
  let phase = '';
  let lastAt = 0;
  return (p) => {
    const now = Date.now();
    if (p.phase === phase && now - lastAt < 2000) return;
    phase = p.phase;
    lastAt = now;
    if (p.phase === 'scanning') print(p.total ? `scanning: ${p.total} files found` : 'scanning…');
    else print(`${p.phase}: ${p.done}/${p.total} files, ${p.imported} imported, ${p.duplicates} duplicates, ${p.rejected} rejected`);
  };
}

const shownRejections = 200;

export function formatReport(r: ImportReport): string {
  const lines = [
    `${r.cancelled ? 'Cancelled. ' : ''}Imported ${r.imported} image${r.imported === 1 ? '' : 's'}${r.labeled ? ` (${r.labeled} labeled)` : ''}; ${r.duplicates.length} duplicate${r.duplicates.length === 1 ? '' : 's'} skipped; ${r.rejected.length} rejected.`,
  ];
  if (r.cancelled) lines.push('Everything imported before the cancel is kept; run the same import again to continue.');
  if (r.newClasses.length) lines.push(`New classes: ${r.newClasses.join(', ')}.`);
  if (r.unmatchedCsvRows) lines.push(`${r.unmatchedCsvRows} labels-file row(s) named files that were not part of this import.`);
  const g = r.splits;
  if (g.groups) lines.push(`Near-duplicates: ${g.groups} group(s) of ${g.groupedImages} new image(s), each kept in one split; ${g.joinedEarlier} joined groups already in a split.`);
  for (const b of g.bridges) lines.push(`  ${b.paths[0]} is near samples in ${Object.keys(b.heldSplits).join(' and ')}; it went to ${b.chosen}, so one pair straddles splits.`);
  for (const x of g.resplit) lines.push(`  a group of ${x.images} images was over the cap: ${x.stillOversized ? 'identical images, kept whole' : `cut ${x.stricterBy} bit(s) stricter into ${x.parts} parts`}.`);
  if (r.rejected.length) {
    lines.push('Rejected:');
    for (const x of r.rejected.slice(0, shownRejections)) lines.push(`  ${x.path}  [${x.reason}] ${x.detail}`);
    if (r.rejected.length > shownRejections) lines.push(`  … and ${r.rejected.length - shownRejections} more (--json lists all).`);
  }
  return lines.join('\n');
}
