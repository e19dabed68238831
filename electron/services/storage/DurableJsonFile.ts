import { readFile, rename } from 'node:fs/promises';
import type { Adapter } from 'lowdb';
import type { Notice } from '../../../shared/contract/schemas';
import { isCode, writeFileDurably } from './durableWrite';

/** Parses and checks a document; throws when the content is not a valid document. */
export type DocumentParser<T> = (json: unknown) => T;

/**
 * lowdb adapter that makes every write durable (temp, fsync, rename, fsync dir), keeps the
 * last good version as `<file>.bak`, and falls back to that backup when the main file is
 * unreadable or invalid. The damaged file is kept aside and a notice tells the user.
 * Writes are serialised: concurrent `write` calls never interleave.
 */
export class DurableJsonFile<T> implements Adapter<T> {
  readonly backupPath: string;
  readonly notices: Notice[] = [];
  private queue: Promise<void> = Promise.resolve();

  constructor(
    readonly path: string,
    private readonly parse: DocumentParser<T>,
    private readonly label = path,
    /** Read-only readers report damage and use the backup, but change no file. */
    private readonly readOnly = false,
  ) {
    this.backupPath = `${path}.bak`;
  }

  async read(): Promise<T | null> {
    const main = await this.tryRead(this.path);
    if (main.ok) return main.value;
    if (main.missing) {
      const backup = await this.tryRead(this.backupPath);
      if (backup.ok) {
        this.notices.push({ level: 'warning', message: `${this.label} was missing; ${this.readOnly ? 'read' : 'restored'} it from its backup.` });
        if (!this.readOnly) await this.write(backup.value);
        return backup.value;
      }
      return null;
    }
    const backup = await this.tryRead(this.backupPath);
    if (this.readOnly) {
      if (!backup.ok) throw new Error(`${this.label} is damaged (${main.reason}) and has no usable backup.`);
      this.notices.push({ level: 'warning', message: `${this.label} is damaged (${main.reason}); showing its last good backup. Open the project for writing to repair it.` });
      return backup.value;
    }
    const aside = `${this.path}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    await rename(this.path, aside);
    if (!backup.ok) {
      throw new Error(
        `${this.label} is damaged (${main.reason}) and has no usable backup. The damaged file was moved to ${aside}.`,
      );
    }
    this.notices.push({
      level: 'warning',
      message: `${this.label} was damaged (${main.reason}); restored the last good version from its backup. The damaged file was kept as ${aside}.`,
    });
    await this.write(backup.value);
    return backup.value;
  }

  write(data: T): Promise<void> {
    const text = JSON.stringify(data);
    const next = this.queue.then(() => writeFileDurably(this.path, text, this.backupPath));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async tryRead(
    path: string,
  ): Promise<{ ok: true; value: T } | { ok: false; missing: boolean; reason: string }> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if (isCode(error, 'ENOENT')) return { ok: false, missing: true, reason: 'missing' };
      throw error;
    }
    try {
      return { ok: true, value: this.parse(JSON.parse(text)) };
    } catch (error) {
      const reason = error instanceof SyntaxError ? 'not valid JSON' : `not a valid document: ${firstLine(error)}`;
      return { ok: false, missing: false, reason };
    }
  }
}

function firstLine(error: unknown): string {
  return String(error instanceof Error ? error.message : error).split('\n')[0].slice(0, 200);
}
