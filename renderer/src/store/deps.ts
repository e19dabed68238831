import type { StudioApi } from '../../../shared/contract';

/** Where browser mode remembers who is labeling (several people may label from browsers). */
export interface AnnotatorMemory {
  load(): string | null;
  save(name: string): void;
}

/** A file the user dropped on the window, with its path relative to what was dropped. */
export interface DroppedFile {
  file: File;
  relativePath: string;
}

export interface UploadProgress {
  done: number;
  total: number;
}

/**
 * Everything the store reaches outside itself, passed in so tests can build a fresh store
 * over a fake edge (the transport, the clock) and the app passes the real ones.
 */
export interface StoreDeps {
  api: StudioApi;
  /** Monotonic milliseconds, for time spent on an item. */
  now(): number;
  /** Wall clock, for the time shown on a decision before the studio confirms it. */
  wallClock(): Date;
  annotatorMemory: AnnotatorMemory | null;
  /** Browser mode: sends dropped files to the studio; resolves to the folder they landed in. */
  upload(files: readonly DroppedFile[], onProgress: (p: UploadProgress) => void, signal: AbortSignal): Promise<string>;
  newId(): string;
  /**
   * Runs work that can wait (fetching rows and queue items ahead, counts) once the next
   * frame has been painted, so it never delays the image a keypress brings on screen.
   */
  afterPaint(task: () => void): void;
}
