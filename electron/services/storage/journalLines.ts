import { checksum } from './checksum';

/**
 * The framing of one journal line: `<crc32c of the JSON, 8 hex digits> <JSON>\n`. The
 * checksum covers the exact bytes of the JSON, so a flipped bit, a torn write or bytes pasted
 * into the file fail it even when the JSON still parses. Lines written before checksums
 * existed start with `{` and are read as plain JSON lines.
 */
export function frameLine(entry: unknown): string {
  const json = JSON.stringify(entry);
  return `${checksum(json)} ${json}\n`;
}

export interface DamagedLine {
  /** 1-based line number in the file. */
  line: number;
  bytes: Buffer;
  reason: string;
}

export interface JournalScan<T> {
  entries: T[];
  /** The good lines, each ending in a newline, in file order. */
  good: Buffer[];
  damaged: DamagedLine[];
  /** Bytes after the last newline that do not make a good record: an interrupted append. */
  torn: Buffer | null;
  /** True when the last record is complete but lacks its final newline. */
  missingNewline: boolean;
}

const LF = 0x0a;
const FRAMED = /^[0-9a-f]{8} $/;

/** Reads every line; never throws on damage, it reports it. */
export function scanJournal<T>(buffer: Buffer, parse: (json: unknown) => T): JournalScan<T> {
  const scan: JournalScan<T> = { entries: [], good: [], damaged: [], torn: null, missingNewline: false };
  let offset = 0;
  let line = 0;
  while (offset < buffer.length) {
    const newline = buffer.indexOf(LF, offset);
    const end = newline === -1 ? buffer.length : newline;
    const bytes = buffer.subarray(offset, end);
    line += 1;
    offset = end + 1;
    if (bytes.length === 0 && newline !== -1) continue; // a blank line carries nothing
    const result = readLine(bytes, parse);
    if (newline === -1) {
      if (result.ok) {
        scan.entries.push(result.entry);
        scan.good.push(Buffer.concat([bytes, Buffer.from('\n')]));
        scan.missingNewline = true;
      } else {
        scan.torn = bytes;
      }
      break;
    }
    if (result.ok) {
      scan.entries.push(result.entry);
      scan.good.push(buffer.subarray(end - bytes.length, end + 1));
    } else {
      scan.damaged.push({ line, bytes, reason: result.reason });
    }
  }
  return scan;
}

function readLine<T>(bytes: Buffer, parse: (json: unknown) => T): { ok: true; entry: T } | { ok: false; reason: string } {
  let json: Buffer;
  if (bytes[0] === 0x7b) {
    json = bytes; // `{`: a line from before checksums
  } else if (bytes.length > 9 && FRAMED.test(bytes.subarray(0, 9).toString('latin1'))) {
    json = bytes.subarray(9);
    if (checksum(json) !== bytes.subarray(0, 8).toString('latin1')) return { ok: false, reason: 'checksum mismatch' };
  } else {
    return { ok: false, reason: 'not a journal line' };
  }
  let value: unknown;
  try {
    value = JSON.parse(json.toString('utf8'));
  } catch {
    return { ok: false, reason: 'not valid JSON' };
  }
  try {
    return { ok: true, entry: parse(value) };
  } catch (error) {
    return { ok: false, reason: `not a valid record (${firstLine(error)})` };
  }
}

/** A one-line reason from a parse error (zod's first issue, or the message's first line). */
export function firstLine(error: unknown): string {
  const issues = (error as { issues?: { path: PropertyKey[]; message: string }[] } | null)?.issues;
  if (Array.isArray(issues) && issues.length > 0) {
    const [first] = issues;
    return `${first.path.map(String).join('.') || 'record'}: ${first.message}`.slice(0, 160);
  }
  return String(error instanceof Error ? error.message : error)
    .split('\n')[0]
    .slice(0, 160);
}
