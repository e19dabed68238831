import { randomBytes } from 'node:crypto';
import type { ClassDef } from '../../../shared/domain/records';
import type { ClassInput } from '../../../shared/contract/project';

/** Tableau 10: distinct, colour-blind-aware defaults for the first ten classes. */
export const palette = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

const defaultKeys = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'];

export function newClassId(): string {
  return `c_${randomBytes(5).toString('hex')}`;
}

/** Fills in colour and shortcut key for new classes, avoiding those already in use. */
export function buildClass(input: ClassInput, existing: ClassDef[]): ClassDef {
  const usedKeys = new Set(existing.map((c) => c.key.toLowerCase()));
  const usedColors = new Set(existing.map((c) => c.color));
  const key = input.key ?? defaultKeys.find((k) => !usedKeys.has(k)) ?? '';
  const color = input.color ?? palette.find((c) => !usedColors.has(c)) ?? palette[existing.length % palette.length];
  return { id: newClassId(), name: input.name, color, key, guideline: input.guideline ?? '', examples: [] };
}

export function buildClasses(inputs: ClassInput[]): ClassDef[] {
  const out: ClassDef[] = [];
  for (const input of inputs) {
    if (out.some((c) => c.name.toLowerCase() === input.name.toLowerCase())) continue;
    out.push(buildClass(input, out));
  }
  return out;
}
