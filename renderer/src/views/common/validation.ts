import { absolutePathSchema, classNameSchema } from '../../../../shared/contract/schemas';
import type { ClassInput } from '../../../../shared/contract/project';

/** Why a typed path cannot be sent, in words that say what to type instead; null if fine. */
export function pathProblem(path: string, what = 'folder'): string | null {
  const trimmed = path.trim();
  if (trimmed === '') return `Type the ${what}'s full path.`;
  if (!absolutePathSchema.safeParse(trimmed).success) {
    return `Type a full path on the studio's computer, starting with / (or a drive like C:\\), e.g. /home/you/projects/birds.`;
  }
  return null;
}

/** "cat, dog, bird" → class inputs; reports the first bad or repeated name. */
export function parseClassList(text: string): { classes: ClassInput[]; problem: string | null } {
  const names = text
    .split(/[,\n]/)
    .map((n) => n.trim())
    .filter((n) => n !== '');
  const seen = new Set<string>();
  const classes: ClassInput[] = [];
  for (const name of names) {
    const parsed = classNameSchema.safeParse(name);
    if (!parsed.success) return { classes: [], problem: `"${name}" cannot be a class name: ${parsed.error.issues[0]?.message ?? 'invalid'}.` };
    if (seen.has(name.toLowerCase())) return { classes: [], problem: `"${name}" is listed twice.` };
    seen.add(name.toLowerCase());
    classes.push({ name });
  }
  return { classes, problem: null };
}

/** Several typed paths, one per line. */
export function splitPaths(text: string): string[] {
  return text
    .split('\n')
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/** The last folder name of a path, for a default project name. */
export function baseName(path: string): string {
  const parts = path.trim().split(/[\\/]+/).filter(Boolean);
  return parts[parts.length - 1] ?? '';
}
