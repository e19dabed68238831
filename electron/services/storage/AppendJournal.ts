import { dirname } from 'node:path';
import type { Notice } from '../../../shared/contract/schemas';
import { isCode, nodeFileSystem, type StorageFile, type StorageFs } from './fileSystem';
import { frameLine, scanJournal, type JournalScan } from './journalLines';
import { keepAside, repairJournal } from './journalRepair';

export interface JournalOptions<T> {
  parse: (json: unknown) => T;
  fs?: StorageFs;
  /** The file's name as users see it (`labels.jsonl`). */
  label?: string;
  /** How many records a document says this journal holds; fewer is refused unless `acceptLoss`. */
  expected?: number;
  acceptLoss?: boolean;
}

/** A journal holds fewer records than its project says it should: missing, emptied or cut short. */
export class JournalShortError extends Error {
  constructor(
    readonly label: string,
    readonly found: number,
    readonly expected: number,
  ) {
    super(`${label} holds ${found} of the ${expected} records its project lists`);
  }
}

interface Pending {
  text: string;
  records: number;
  resolve: () => void;
  reject: (e: unknown) => void;
}

/**
 * An append-only file of checksummed JSON lines (see `journalLines.ts`) where `append`
 * resolves only once the line is on disk (fdatasync). Appends that arrive while a flush is
 * running are written together by the next flush (group commit), so many quick labels cost
 * few fsyncs. A failed write (a full disk) truncates the file back to the last durable record
 * and fails every append not yet durable, and further appends too until `resume()`: the
 * owner first rebuilds whatever it derived from the failed entries.
 * On open, damaged lines are moved to `<file>.damaged` (never dropped), an interrupted last
 * append is kept there too, and a complete last line missing only its newline is kept.
 */
export class AppendJournal<T> {
  private file: StorageFile | null = null;
  private pending: Pending[] = [];
  private flushing: Promise<void> | null = null;
  private closed = false;
  /** A failed write: appends are refused until the owner has rebuilt its state and resumes. */
  private failure: { error: unknown } | null = null;
  /** Byte length of the durable records: where the file is cut back to after a failed write. */
  private end = 0;
  /** Durable records in the file. */
  count = 0;
  /** Damaged lines found on open (moved aside when writable). */
  damaged = 0;
  /** Set when `acceptLoss` let a short journal open: what it held and what was expected. */
  loss: { found: number; expected: number } | null = null;
  readonly notices: Notice[] = [];

  private constructor(
    readonly path: string,
    private readonly options: JournalOptions<T>,
  ) {}

  private get fs(): StorageFs {
    return this.options.fs ?? nodeFileSystem;
  }

  get label(): string {
    return this.options.label ?? this.path;
  }

  /** Opens (creating if needed) and returns the journal with the entries already in it. */
  static async open<T>(path: string, options: JournalOptions<T> | ((json: unknown) => T)): Promise<{ journal: AppendJournal<T>; entries: T[] }> {
    const journal = new AppendJournal(path, typeof options === 'function' ? { parse: options } : options);
    const entries = await journal.load();
    return { journal, entries };
  }

  /**
   * Reads the entries without opening the file for writing: never creates, truncates or
   * locks anything, so it is safe while another process appends (its torn tail is that
   * process's append in flight, and is simply not read).
   */
  static async read<T>(
    path: string,
    options: JournalOptions<T> | ((json: unknown) => T),
  ): Promise<{ entries: T[]; notices: Notice[]; count: number; damaged: number; short: { found: number; expected: number } | null }> {
    const opts = typeof options === 'function' ? { parse: options } : options;
    const label = opts.label ?? path;
    const scan = scanJournal(await readOrEmpty(opts.fs ?? nodeFileSystem, path), opts.parse);
    const notices: Notice[] = [];
    if (scan.damaged.length > 0) {
      notices.push({
        level: 'warning',
        message: `${scan.damaged.length} damaged line(s) in ${label} were skipped (${describeLines(scan)}). Open the project for writing to keep them aside in ${label}.damaged.`,
      });
    }
    const found = scan.entries.length + scan.damaged.length;
    const short = opts.expected !== undefined && found < opts.expected ? { found, expected: opts.expected } : null;
    return { entries: scan.entries, notices, count: scan.entries.length, damaged: scan.damaged.length, short };
  }

  private async load(): Promise<T[]> {
    const buffer = await readOrEmpty(this.fs, this.path, () => (this.created = true));
    const scan = scanJournal(buffer, this.options.parse);
    const found = scan.entries.length + scan.damaged.length;
    const expected = this.options.expected;
    if (expected !== undefined && found < expected) {
      if (!this.options.acceptLoss) throw new JournalShortError(this.label, found, expected);
      this.loss = { found, expected };
    }
    if (scan.damaged.length > 0 || scan.torn) await this.setAside(scan);
    this.end = await repairJournal(this.fs, this.path, scan, buffer.length);
    this.file = await this.fs.open(this.path, 'append');
    if (this.created) await this.fs.syncDirectory(dirname(this.path)); // fsync:journal-create (the new file's name)
    this.count = scan.entries.length;
    this.damaged = scan.damaged.length;
    return scan.entries;
  }

  private created = false;

  private async setAside(scan: JournalScan<T>): Promise<void> {
    await keepAside(this.fs, `${this.path}.damaged`, scan);
    if (scan.damaged.length > 0) {
      this.notices.push({
        level: 'warning',
        message: `${scan.damaged.length} damaged line(s) in ${this.label} (${describeLines(scan)}) were moved to ${this.label}.damaged; the other ${scan.entries.length} record(s) are intact.`,
      });
    }
    if (scan.torn) {
      this.notices.push({
        level: 'info',
        message: `${this.label} ended in an unfinished write (${scan.torn.length} bytes, never confirmed as saved); it was kept in ${this.label}.damaged.`,
      });
    }
  }

  append(entry: T): Promise<void> {
    return this.enqueue(frameLine(entry), 1);
  }

  /** Appends every entry as one write: all of them become durable, or none. */
  appendAll(entries: readonly T[]): Promise<void> {
    if (entries.length === 0) return Promise.resolve();
    return this.enqueue(entries.map(frameLine).join(''), entries.length);
  }

  private enqueue(text: string, records: number): Promise<void> {
    if (this.closed) return Promise.reject(new Error('The journal is closed.'));
    if (this.failure) return Promise.reject(this.failure.error);
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ text, records, resolve, reject });
      this.startFlush();
    });
  }

  private startFlush(): void {
    if (this.flushing) return;
    this.flushing = this.flushLoop().finally(() => {
      this.flushing = null;
      // An append made by a caller resumed by the last batch arrives before this runs.
      if (this.pending.length > 0) this.startFlush();
    });
  }

  private async flushLoop(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      const bytes = Buffer.from(batch.map((p) => p.text).join(''));
      try {
        const file = await this.writable();
        await file.write(bytes);
        await file.datasync(); // fsync:journal-append (the acknowledgement)
        this.end += bytes.length;
        this.count += batch.reduce((n, p) => n + p.records, 0);
        for (const p of batch) p.resolve();
      } catch (error) {
        // Appends queued behind a failed one may build on it (a label's `before`): fail them too.
        const failed = batch.concat(this.pending);
        this.pending = [];
        this.failure = { error };
        await this.rollBack();
        for (const p of failed) p.reject(error);
      }
    }
  }

  /** The open handle, reopened and cut back to the last durable record after a failure. */
  private async writable(): Promise<StorageFile> {
    if (this.closed) throw new Error('The journal is closed.');
    if (this.file) return this.file;
    const file = await this.fs.open(this.path, 'append');
    try {
      const size = (await file.read()).length;
      if (size < this.end) throw new Error(`${this.label} was cut short by another program while open (${size} of ${this.end} bytes).`);
      // The batch about to be written is fdatasync'd with this cut, so the cut needs no sync of its own.
      if (size > this.end) await file.truncate(this.end);
    } catch (error) {
      await file.close().catch(() => undefined);
      throw error;
    }
    this.file = file;
    return file;
  }

  /**
   * Cuts a half-written batch off so no later append lands after it. If even that fails
   * (the disk is gone), the handle is dropped and the next append reopens and retries.
   */
  private async rollBack(): Promise<void> {
    const file = this.file;
    if (!file) return;
    try {
      await file.truncate(this.end);
      // Without it, bytes of the failed batch the kernel had already written back could
      // reappear after a power cut: records the user was told were not saved.
      await file.datasync(); // fsync:journal-rollback
    } catch {
      this.file = null;
      await file.close().catch(() => undefined);
    }
  }

  /** Accepts appends again after a failed write. */
  resume(): void {
    this.failure = null;
  }

  /** Every durable entry, read back from the file (after a failed write, to rebuild state). */
  async readBack(): Promise<T[]> {
    await this.drain();
    const buffer = await this.fs.readFile(this.path);
    return scanJournal(buffer.subarray(0, this.end), this.options.parse).entries;
  }

  /** Waits until every append so far is durable (or has failed). */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  async close(): Promise<void> {
    await this.drain();
    this.closed = true;
    const file = this.file;
    this.file = null;
    await file?.close();
  }
}

async function readOrEmpty(fs: StorageFs, path: string, onMissing?: () => void): Promise<Buffer> {
  try {
    return await fs.readFile(path);
  } catch (error) {
    if (!isCode(error, 'ENOENT')) throw error;
    onMissing?.();
    return Buffer.alloc(0);
  }
}

function describeLines(scan: JournalScan<unknown>): string {
  const shown = scan.damaged.slice(0, 3).map((d) => `line ${d.line}: ${d.reason}`);
  return scan.damaged.length > 3 ? `${shown.join('; ')}; …` : shown.join('; ');
}
