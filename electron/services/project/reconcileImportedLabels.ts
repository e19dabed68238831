import type { Project } from './Project';

/**
 * An import appends a batch of samples, then records their imported labels. A crash
 * between the two leaves samples that carry `importedLabel` but have no label decision at
 * all; on the next writable open those labels are recorded, as the import meant to. A sample
 * with any decision (even a cleared label) is left alone: a person has seen it.
 */
export async function reconcileImportedLabels(project: Project): Promise<number> {
  const book = project.labels.book;
  const classIds = new Map(project.doc.classes.map((c) => [c.name.toLowerCase(), c.id]));
  const pending = project.samples.all.filter((s) => s.importedLabel !== null && !book.states.has(s.id) && classIds.has(s.importedLabel.toLowerCase()));
  const meta = { annotator: 'import', seconds: 0 };
  await Promise.all(pending.map((s) => project.labels.setClass(s.id, classIds.get(s.importedLabel!.toLowerCase())!, meta)));
  return pending.length;
}
