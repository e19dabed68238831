import { open, readFile, type FileHandle } from 'node:fs/promises';
import type { Notice } from '../../../shared/contract/schemas';
import { fsyncDirectory, isCode } from './durableWrite';
import { dirname } from 'node:path';

/**
 * An append-only file of JSON lines where `append` resolves only once the line is on disk
 * (fdatasync). Appends that arrive while a flush is running are written together by the
 * next flush (group commit), so many quick labels cost few fsyncs. On open, a torn last
 * line (the process died mid-write, before acknowledging it) is dropped.
 */
export class AppendJournal<T> {
  private handle: FileHandle | null = null;
  private pending: { line: string; resolve: () => void; reject: (e: unknown) => void }[] = [];
  private flushing: Promise<void> | null = null;
  readonly notices: Notice[] = [];

  private constructor(
    readonly path: string,
    private readonly parse: (json: unknown) => T,
  ) {}

  /** Opens (creating if needed) and returns the journal with the entries already in it. */
  static async open<T>(path: string, parse: (json: unknown) => T): Promise<{ journal: AppendJournal<T>; entries: T[] }> {
    const journal = new AppendJournal(path, parse);
    const entries = await journal.load();
    return { journal, entries };
  }

  /**
   * Reads the entries without opening the file for writing: never creates, truncates or
   * locks anything, so it is safe while another process appends (its torn tail is that
   * process's append in flight, and is simply not read).
   */
  static async read<T>(path: string, parse: (json: unknown) => T): Promise<{ entries: T[]; notices: Notice[] }> {
    let buffer: Buffer;
    try {
      buffer = await readFile(path);
    } catch (error) {
      if (isCode(error, 'ENOENT')) return { entries: [], notices: [] };
      throw error;
    }
    const { entries, skipped } = parseLines(buffer, parse);
    return { entries, notices: skipped > 0 ? [damagedNotice(skipped, path)] : [] };
  }

  private async load(): Promise<T[]> {
    const handle = await open(this.path, 'a+');
    await fsyncDirectory(dirname(this.path));
    const buffer = await handle.readFile();
    const { entries, goodEnd, skipped } = parseLines(buffer, this.parse);
    if (goodEnd < buffer.length) {
      await handle.truncate(goodEnd); // torn tail: the writer died before acknowledging it
      await handle.sync();
    }
    if (skipped > 0) this.notices.push(damagedNotice(skipped, this.path));
    this.handle = handle;
    return entries;
  }

  append(entry: T): Promise<void> {
    if (!this.handle) return Promise.reject(new Error('The journal is closed.'));
    const line = `${JSON.stringify(entry)}\n`;
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ line, resolve, reject });
      this.scheduleFlush();
    });
  }

  private scheduleFlush(): void {
    if (this.flushing) return;
    this.flushing = this.flushLoop().finally(() => {
      this.flushing = null;
    });
  }

  private async flushLoop(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      try {
        if (!this.handle) throw new Error('The journal is closed.');
        await this.handle.appendFile(batch.map((p) => p.line).join(''));
        await this.handle.datasync();
        for (const p of batch) p.resolve();
      } catch (error) {
        for (const p of batch) p.reject(error);
      }
    }
  }

  /** Waits until every append so far is durable. */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  /** Empties the journal once its entries are safely folded into a snapshot. */
  async clear(): Promise<void> {
    await this.drain();
    if (!this.handle) return;
    await this.handle.truncate(0);
    await this.handle.sync();
  }

  async close(): Promise<void> {
    await this.drain();
    await this.handle?.close();
    this.handle = null;
  }
}

function parseLines<T>(buffer: Buffer, parse: (json: unknown) => T): { entries: T[]; goodEnd: number; skipped: number } {
  const entries: T[] = [];
  let goodEnd = 0;
  let offset = 0;
  let skipped = 0;
  while (offset < buffer.length) {
    const newline = buffer.indexOf(0x0a, offset);
    if (newline === -1) break; // torn tail: never acknowledged
    const text = buffer.subarray(offset, newline).toString('utf8');
    offset = newline + 1;
    try {
      entries.push(parse(JSON.parse(text)));
    } catch {
      skipped += 1;
    }
    goodEnd = offset;
  }
  return { entries, goodEnd, skipped };
}

function damagedNotice(skipped: number, path: string): Notice {
  return { level: 'warning', message: `${skipped} damaged line(s) in ${path} were skipped.` };
}
