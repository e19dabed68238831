import { StudioError } from '../../../shared/contract/channel';
import type { Notice } from '../../../shared/contract/schemas';
import { DurableJsonFile } from './DurableJsonFile';
import { failedWrite } from './storageErrors';

/**
 * A document held in memory that changes only once the change is durable: `update` applies
 * the change to a copy, checks the copy against the document's schema, writes it (see
 * DurableJsonFile) and only then makes it the current data. A failed write (a full disk)
 * leaves memory as it was and throws an error that says what was not saved. Updates are
 * serialised, each applied to the result of the one before.
 */
export class DurableDocument<T> {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly file: DurableJsonFile<T>,
    private current: T,
  ) {}

  /** Reads the document (restoring an older generation if need be), or starts from `initial`. */
  static async open<T>(file: DurableJsonFile<T>, initial: () => T): Promise<DurableDocument<T>> {
    return new DurableDocument(file, (await file.read()) ?? initial());
  }

  /** Wraps data already read from `file`. */
  static from<T>(file: DurableJsonFile<T>, data: T): DurableDocument<T> {
    return new DurableDocument(file, data);
  }

  /** Writes `data` as the first generation of a new document. */
  static async create<T>(file: DurableJsonFile<T>, data: T, notSaved: string): Promise<DurableDocument<T>> {
    try {
      await file.write(file.parse(structuredClone(data)));
    } catch (error) {
      throw failedWrite(error, { notSaved, saved: 'Nothing was written.' });
    }
    return new DurableDocument(file, data);
  }

  get notices(): Notice[] {
    return this.file.notices;
  }

  /** The current, durable data. Never change it in place: use `update`. */
  get data(): T {
    return this.current;
  }

  /**
   * Applies `change` to a copy and makes it durable, then current. `notSaved` says what the
   * user loses when the write fails ("The class "zebra" was not created.").
   */
  update<R>(change: (draft: T) => R, notSaved: string): Promise<R> {
    const run = async (): Promise<R> => {
      const draft = structuredClone(this.current);
      const result = change(draft);
      try {
        this.file.parse(JSON.parse(JSON.stringify(draft)));
      } catch (error) {
        throw new StudioError('internal', `The change would make ${this.file.label} invalid, so it was not saved: ${(error as Error).message.slice(0, 300)}`);
      }
      try {
        await this.file.write(draft);
      } catch (error) {
        throw failedWrite(error, { notSaved });
      }
      this.current = draft;
      return result;
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
