import type { Notice } from '../../../shared/contract/schemas';
import { classDefSchema, type ClassDef } from '../../../shared/domain/records';
import type { DurableJsonFile } from '../storage/DurableJsonFile';
import { buildClass } from '../classes/classDefaults';
import type { ProjectDoc } from './documents';
import type { Project } from './Project';

/**
 * After studio.json was restored from an older generation (or rolled back by hand), labels
 * may point at classes it no longer lists: the class created last, say, with its labels.
 * Labels are never dropped for that. Each such class is re-created with its id, from the
 * damaged file when that still holds it (name, key, guideline), else as "Recovered class N",
 * and the notice says class by class what differed and what was done.
 */
export async function restoreMissingClasses(project: Project, file: DurableJsonFile<ProjectDoc>): Promise<Notice[]> {
  const known = new Set(project.doc.classes.map((c) => c.id));
  const orphans = [...project.labels.book.countByClass()].filter(([id]) => !known.has(id));
  const damaged = damagedClasses(file.restored?.damaged);
  const sentences = file.restored ? compareClasses(project.doc.classes, damaged) : [];
  if (orphans.length > 0) {
    const names = orphans.map(([id]) => damaged.find((c) => c.id === id)?.name ?? null);
    if (project.readOnly) {
      sentences.push(...orphans.map(([id, count], i) => `${count} label(s) point at ${names[i] ? `class "${names[i]}"` : `class ${id}`}, which the restored version lacks; open the project for writing to re-create it.`));
    } else {
      const recreated = await project.updateMeta((draft) => orphans.map(([id], i) => recreate(draft, id, damaged.find((c) => c.id === id) ?? null, names[i])), 'The missing classes were not re-created.');
      sentences.push(
        ...recreated.map((c, i) => `${orphans[i][1]} label(s) point at class ${names[i] ? `"${c.name}"` : c.id}, which the restored version lacked: it was re-created${names[i] ? ' from the damaged file' : ` as "${c.name}" (rename it in Classes)`}, and its labels are back.`),
      );
    }
  }
  const details = sentences.join(' ');
  if (file.restored) {
    const level = file.restored.reason === 'missing' && orphans.length === 0 ? 'info' : 'warning';
    return [{ level, message: file.restoredMessage(project.doc, details || undefined) }];
  }
  return details ? [{ level: 'warning', message: `studio.json does not list every class the labels use. ${details}` }] : [];
}

function recreate(draft: ProjectDoc, id: string, fromDamaged: ClassDef | null, name: string | null): ClassDef {
  const taken = (n: string) => draft.classes.some((c) => c.name.toLowerCase() === n.toLowerCase());
  let def: ClassDef;
  if (fromDamaged && !taken(fromDamaged.name)) {
    const keyFree = !draft.classes.some((c) => c.key.toLowerCase() === fromDamaged.key.toLowerCase());
    def = { ...fromDamaged, key: keyFree ? fromDamaged.key : buildClass({ name: fromDamaged.name }, draft.classes).key, examples: [] };
  } else {
    let n = 1;
    while (taken(`Recovered class ${n}`)) n++;
    def = { ...buildClass({ name: name && !taken(name) ? name : `Recovered class ${n}` }, draft.classes), id };
  }
  draft.classes.push(def);
  return def;
}

function damagedClasses(damaged: unknown): ClassDef[] {
  const list = (damaged as { classes?: unknown } | null)?.classes;
  if (!Array.isArray(list)) return [];
  return list.flatMap((c) => {
    const parsed = classDefSchema.safeParse(c);
    return parsed.success ? [parsed.data] : [];
  });
}

/** "Compared with the damaged file: class "zebra" is not in the restored version; …" */
function compareClasses(restored: ClassDef[], damaged: ClassDef[]): string[] {
  if (damaged.length === 0) return [];
  const out: string[] = [];
  const byId = new Map(restored.map((c) => [c.id, c]));
  for (const d of damaged) {
    const r = byId.get(d.id);
    if (!r) out.push(`class "${d.name}" is in the damaged file but not in the restored version`);
    else if (r.name !== d.name) out.push(`class "${r.name}" is named "${d.name}" in the damaged file`);
  }
  const inDamaged = new Set(damaged.map((c) => c.id));
  for (const r of restored) if (!inDamaged.has(r.id)) out.push(`class "${r.name}" is in the restored version but not in the damaged file`);
  return out.length ? [`Compared with the damaged file: ${out.join('; ')}.`] : ['Its classes are the same as in the damaged file.'];
}
