/**
 * What a restored document lacks or has compared with the damaged file it replaced, key by
 * key: list lengths for arrays (rounds, runs, classes), "differs" for the rest. Documents with
 * a richer notion of difference (the project's classes and their labels) say it themselves.
 */
export function describeDocumentChange(restored: unknown, damaged: unknown): string {
  if (damaged === null || damaged === undefined) return 'Anything saved after that generation is not in it.';
  if (!isRecord(restored) || !isRecord(damaged)) return 'The damaged file could not be compared with it.';
  const changes: string[] = [];
  for (const key of new Set([...Object.keys(restored), ...Object.keys(damaged)])) {
    const a = restored[key];
    const b = damaged[key];
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    if (Array.isArray(a) && Array.isArray(b) && a.length !== b.length) changes.push(`${key}: ${a.length} in the restored version, ${b.length} in the damaged file`);
    else if (b === undefined) changes.push(`${key} is missing from the damaged file`);
    else if (a === undefined) changes.push(`${key} is only in the damaged file`);
    else changes.push(`${key} differs`);
  }
  return changes.length ? `Compared with the damaged file: ${changes.join('; ')}.` : 'It holds the same content as the damaged file.';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
