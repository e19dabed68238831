import { basename, dirname } from 'node:path';
import type { Adapter } from 'lowdb';
import type { Notice } from '../../../shared/contract/schemas';
import { isCode, nodeFileSystem, type StorageFs } from './fileSystem';
import { renameIfPresent, tempPathFor, writeTempFile } from './durableWrite';
import { unwrapDocument, wrapDocument } from './documentEnvelope';
import { firstLine } from './journalLines';
import { describeDocumentChange } from './documentDiff';
import { removeStaleTemps } from './staleTemps';

/** Parses and checks a document; throws when the content is not a valid document. */
export type DocumentParser<T> = (json: unknown) => T;

export interface DocumentOptions {
  /** The file's name as users see it (`studio.json`). */
  label?: string;
  /** Read-only readers report damage and use an older generation, but change no file. */
  readOnly?: boolean;
  fs?: StorageFs;
  /** Generations kept on disk, the current one included. */
  generations?: number;
}

/** What `read` restored instead of a damaged or missing document. */
export interface Restoration {
  /** Why the current file could not be used: `missing`, `not valid JSON`, `checksum mismatch…`. */
  reason: string;
  generation: number;
  savedAt: string | null;
  /** The file the restored version came from. */
  from: string;
  /** The damaged file's `data` when it still parsed as JSON (to say what differs), else null. */
  damaged: unknown;
  /** Where the damaged file was kept (writable opens only). */
  keptAs: string | null;
}

type Candidate =
  | { file: string; state: 'missing' }
  | { file: string; state: 'damaged'; reason: string; generation: number | null; data: unknown }
  | { file: string; state: 'good'; generation: number; savedAt: string | null; data: unknown };

/**
 * A JSON document written durably (temp, fsync, rename, fsync dir) with a checksum and its
 * last N generations: `studio.json` is the current one, `studio.json.1` the one before,
 * `studio.json.2` the one before that (see docs/STORAGE.md). Reading takes the newest
 * generation that passes its checksum and schema; a damaged current file is kept aside and
 * a notice says which generation was restored and what differs. Writes are serialised.
 * Also a lowdb adapter, for the few stores that still use lowdb.
 */
export class DurableJsonFile<T> implements Adapter<T> {
  readonly notices: Notice[] = [];
  restored: Restoration | null = null;
  private generation = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    readonly path: string,
    readonly parse: DocumentParser<T>,
    private readonly options: DocumentOptions = {},
  ) {}

  get label(): string {
    return this.options.label ?? basename(this.path);
  }

  private get fs(): StorageFs {
    return this.options.fs ?? nodeFileSystem;
  }

  private get kept(): number {
    return Math.max(1, this.options.generations ?? 3);
  }

  /** Files of older generations, newest first, then a `.bak` from before generations. */
  private olderFiles(): string[] {
    return [...Array.from({ length: this.kept - 1 }, (_, i) => `${this.path}.${i + 1}`), `${this.path}.bak`];
  }

  async read(): Promise<T | null> {
    if (!this.options.readOnly) await removeStaleTemps(this.fs, this.path);
    const [main, ...older] = await Promise.all([this.path, ...this.olderFiles()].map((f) => this.candidate(f)));
    const all = [main, ...older];
    this.generation = Math.max(0, ...all.map((c) => (c.state === 'missing' ? 0 : (c.generation ?? 0))));
    const best = all.filter((c) => c.state === 'good').sort((a, b) => b.generation - a.generation)[0];
    if (main.state === 'good' && best === main) return main.data as T;
    if (!best) {
      if (main.state === 'missing') return null;
      const kept = this.options.readOnly ? null : await this.keepAside();
      const where = kept ? ` The damaged file was moved to ${basename(kept)}.` : '';
      throw new Error(`${this.label} is damaged (${main.state === 'damaged' ? main.reason : 'missing'}) and has no good earlier generation.${where}`);
    }
    const reason = main.state === 'damaged' ? main.reason : main.state === 'missing' ? 'missing' : `older than ${basename(best.file)}`;
    const keptAs = main.state === 'damaged' && !this.options.readOnly ? await this.keepAside() : null;
    this.restored = {
      reason,
      generation: best.generation,
      savedAt: best.savedAt,
      from: basename(best.file),
      damaged: main.state === 'damaged' ? main.data : null,
      keptAs: keptAs && basename(keptAs),
    };
    this.notices.push({ level: main.state === 'missing' ? 'info' : 'warning', message: this.restoredMessage(best.data) });
    if (!this.options.readOnly) await this.write(best.data as T);
    return best.data as T;
  }

  /** "studio.json was damaged (…); restored generation 41 (saved …) from studio.json.1. …" */
  restoredMessage(data: unknown, differences = describeDocumentChange(data, this.restored?.damaged ?? null)): string {
    const r = this.restored!;
    const when = r.savedAt ? `, saved ${r.savedAt}` : '';
    const what = r.reason === 'missing' ? 'was missing' : `was damaged (${r.reason})`;
    const kept = r.keptAs ? ` The damaged file was kept as ${r.keptAs}.` : '';
    const action = this.options.readOnly ? 'showing' : 'restored';
    return `${this.label} ${what}; ${action} generation ${r.generation}${when} from ${r.from}. ${differences}${kept}`.trim();
  }

  write(data: T): Promise<void> {
    const next = this.queue.then(() => this.writeGeneration(data));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async writeGeneration(data: T): Promise<void> {
    const generation = this.generation + 1;
    const temp = tempPathFor(this.path);
    await writeTempFile(this.fs, temp, wrapDocument(data, generation, new Date().toISOString()));
    try {
      await this.rotate();
      await this.fs.rename(temp, this.path);
    } catch (error) {
      await this.fs.unlink(temp).catch(() => undefined);
      throw error;
    }
    await this.fs.syncDirectory(dirname(this.path)); // fsync:document-rename
    this.generation = generation;
  }

  /** current → .1 → .2 …; the oldest falls off. A crash between renames leaves only whole files. */
  private async rotate(): Promise<void> {
    const files = [this.path, ...this.olderFiles().slice(0, -1)];
    for (let i = files.length - 1; i >= 1; i--) {
      const moved = await renameIfPresent(this.fs, files[i - 1], files[i]);
      if (!moved && i === 2) await renameIfPresent(this.fs, `${this.path}.bak`, files[2]); // a project from before generations
    }
  }

  private async keepAside(): Promise<string> {
    const aside = `${this.path}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    await this.fs.rename(this.path, aside);
    return aside;
  }

  private async candidate(file: string): Promise<Candidate> {
    let text: string;
    try {
      text = (await this.fs.readFile(file)).toString('utf8');
    } catch (error) {
      if (isCode(error, 'ENOENT')) return { file, state: 'missing' };
      throw error;
    }
    const unwrapped = unwrapDocument(text);
    if (!unwrapped.ok) return { file, state: 'damaged', reason: unwrapped.reason, generation: unwrapped.generation, data: unwrapped.data };
    try {
      return { file, state: 'good', generation: unwrapped.generation, savedAt: unwrapped.savedAt, data: this.parse(unwrapped.data) };
    } catch (error) {
      if (error instanceof Error && error.name === 'NewerSchemaError') throw error;
      return { file, state: 'damaged', reason: `not a valid document: ${firstLine(error)}`, generation: unwrapped.generation, data: unwrapped.data };
    }
  }
}
