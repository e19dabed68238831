import { StudioError } from '../../../shared/contract/channel';
import type { ClassInput } from '../../../shared/contract/project';
import type { ClassDef } from '../../../shared/domain/records';
import type { Project } from '../project/Project';
import { buildClass } from './classDefaults';

export interface ClassPatch {
  name?: string;
  color?: string;
  key?: string;
  guideline?: string;
  examples?: string[];
}

/**
 * The project's class schema. Every change is made on a copy of studio.json and becomes
 * visible only once it is durable (`Project.updateMeta`): a change that fails (a full disk)
 * leaves the classes as they were. Merging and deleting first record the label change in the
 * label journal, then drop the class, so a crash in between leaves at worst an empty class,
 * never labels pointing nowhere.
 */
export function findClass(project: Project, id: string): ClassDef {
  const found = project.doc.classes.find((c) => c.id === id);
  if (!found) throw new StudioError('not-found', `There is no class with id ${id}.`, 'Reload the class list.');
  return found;
}

export function findClassByName(project: Project, name: string): ClassDef | undefined {
  const wanted = name.trim().toLowerCase();
  return project.doc.classes.find((c) => c.name.toLowerCase() === wanted);
}

export async function createClass(project: Project, input: ClassInput): Promise<ClassDef> {
  assertNameFree(project, input.name);
  if (input.key) assertKeyFree(project, input.key);
  return project.updateMeta((doc) => {
    const created = buildClass(input, doc.classes);
    doc.classes.push(created);
    return created;
  }, `The class "${input.name.trim()}" was not created.`);
}

export async function updateClass(project: Project, id: string, patch: ClassPatch): Promise<ClassDef> {
  const target = findClass(project, id);
  if (patch.name !== undefined && patch.name.toLowerCase() !== target.name.toLowerCase()) assertNameFree(project, patch.name);
  if (patch.key) assertKeyFree(project, patch.key, id);
  if (patch.examples) {
    const missing = patch.examples.filter((s) => !project.samples.get(s));
    if (missing.length) throw new StudioError('not-found', `Example images not in this project: ${missing.join(', ')}.`);
  }
  const change = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  return project.updateMeta((doc) => Object.assign(doc.classes.find((c) => c.id === id)!, change), `The change to class "${target.name}" was not saved.`);
}

export function classUsage(project: Project, id: string): number {
  findClass(project, id);
  return project.labels.book.countByClass().get(id) ?? 0;
}

export async function mergeClasses(project: Project, from: string, into: string, annotator: string): Promise<number> {
  if (from === into) throw new StudioError('invalid-request', 'A class cannot be merged into itself.');
  const source = findClass(project, from);
  const target = findClass(project, into);
  const moved = classUsage(project, from);
  await project.labels.changeClass('merge-class', from, into, annotator);
  await project.updateMeta((doc) => {
    const kept = doc.classes.find((c) => c.id === into)!;
    kept.examples = [...new Set([...target.examples, ...source.examples])].slice(0, 24);
    doc.classes = doc.classes.filter((c) => c.id !== from);
  }, `The labels of "${source.name}" now count as "${target.name}", but "${source.name}" is still listed (empty): delete it again.`);
  return moved;
}

export async function deleteClass(project: Project, id: string, annotator: string): Promise<number> {
  const dropped = classUsage(project, id);
  const name = findClass(project, id).name;
  await project.labels.changeClass('delete-class', id, null, annotator);
  await project.updateMeta((doc) => {
    doc.classes = doc.classes.filter((c) => c.id !== id);
  }, `The labels of "${name}" were removed, but "${name}" is still listed (empty): delete it again.`);
  return dropped;
}

function assertNameFree(project: Project, name: string): void {
  if (findClassByName(project, name)) {
    throw new StudioError('conflict', `A class named "${name.trim()}" already exists.`, 'Pick another name, or merge the two classes.');
  }
}

function assertKeyFree(project: Project, key: string, exceptId?: string): void {
  const holder = project.doc.classes.find((c) => c.id !== exceptId && c.key.toLowerCase() === key.toLowerCase());
  if (holder) throw new StudioError('conflict', `The key "${key}" already selects "${holder.name}".`, 'Choose another key.');
}
