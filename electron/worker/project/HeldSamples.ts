import { readFile } from 'node:fs/promises';
import { sampleSchema, type Sample } from '../../../shared/domain/records';
import { scanJournal } from '../../services/storage/journalLines';

const LF = 0x0a;

/**
 * The samples file a worker read last, kept between jobs: checking and parsing 100,000
 * sample lines takes seconds, and between two rounds the file has at most grown. A read
 * compares the file's bytes with the ones held; when the file begins with them only the lines
 * after them are parsed, otherwise (another project, a repaired or rewritten file) the whole
 * file is. Held bytes end at a newline, so a line being appended is read again next time.
 */
export class HeldSamples {
  private last: { path: string; bytes: Buffer; entries: Sample[] } | null = null;

  /** Every sample line of the file, in file order (duplicates included), as scanJournal reads them. */
  async entries(path: string): Promise<Sample[]> {
    const buffer = await readFile(path);
    const last = this.last;
    const kept = last && last.path === path && buffer.length >= last.bytes.length && buffer.compare(last.bytes, 0, last.bytes.length, 0, last.bytes.length) === 0 ? last : null;
    const from = kept?.bytes.length ?? 0;
    const end = buffer.lastIndexOf(LF) + 1; // at or past `from`: the held bytes end at a newline
    const parse = (json: unknown) => sampleSchema.parse(json);
    const added = end > from ? scanJournal(buffer.subarray(from, end), parse).entries : [];
    const entries = kept ? kept.entries.concat(added) : added;
    this.last = { path, bytes: buffer.subarray(0, Math.max(end, from)), entries };
    const torn = buffer.length > end ? scanJournal(buffer.subarray(end), parse).entries : [];
    return torn.length ? entries.concat(torn) : entries;
  }
}
