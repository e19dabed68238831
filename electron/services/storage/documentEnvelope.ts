import { checksum } from './checksum';

/**
 * A document on disk: `{"studioDocument":1,"generation":N,"savedAt":…,"crc32c":…,"data":…}`.
 * The checksum covers the generation, the time and the compact JSON of `data`; reading
 * re-serialises the parsed `data` and compares, so any change that alters a value (a flipped
 * bit, pasted bytes that merge two objects through a duplicate key) fails it, while the file
 * stays plain JSON that people and tools can read. Files without the envelope are documents
 * from before checksums (generation 0) and are still read.
 */
export type Unwrapped =
  | { ok: true; generation: number; savedAt: string | null; data: unknown }
  | { ok: false; reason: string; generation: number | null; data: unknown };

const ENVELOPE_KEYS = ['studioDocument', 'generation', 'savedAt', 'crc32c', 'data'];

export function wrapDocument(data: unknown, generation: number, savedAt: string): string {
  const json = JSON.stringify(data);
  const crc = checksum(`${generation} ${savedAt} ${json}`);
  return `{"studioDocument":1,"generation":${generation},"savedAt":${JSON.stringify(savedAt)},"crc32c":"${crc}","data":${json}}`;
}

export function unwrapDocument(text: string): Unwrapped {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, reason: text.trim() === '' ? 'empty' : 'not valid JSON', generation: null, data: undefined };
  }
  if (!isObject(parsed) || !('studioDocument' in parsed)) return { ok: true, generation: 0, savedAt: null, data: parsed };
  const { generation, savedAt, crc32c, data } = parsed;
  const keys = Object.keys(parsed);
  const wellFormed =
    parsed.studioDocument === 1 &&
    Number.isSafeInteger(generation) &&
    typeof savedAt === 'string' &&
    typeof crc32c === 'string' &&
    keys.length === ENVELOPE_KEYS.length &&
    keys.every((k) => ENVELOPE_KEYS.includes(k));
  const gen = Number.isSafeInteger(generation) ? (generation as number) : null;
  if (!wellFormed) return { ok: false, reason: 'not a studio document', generation: gen, data };
  if (checksum(`${generation} ${savedAt} ${JSON.stringify(data)}`) !== crc32c) {
    return { ok: false, reason: 'checksum mismatch: the file changed after it was saved', generation: gen, data };
  }
  return { ok: true, generation: generation as number, savedAt: savedAt as string, data };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
