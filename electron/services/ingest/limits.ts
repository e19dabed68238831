/**
 * Bounds an import holds every file to, and how it paces its work. A file past a bound is
 * rejected with a reason; the import goes on. Tests pass small values to hit the bounds cheaply.
 */
export interface ImportLimits {
  /** Decoded pixels (width × height) above which a file is `too-many-pixels`. */
  maxPixels: number;
  /** File size above which a file is `too-large`. */
  maxBytes: number;
  /**
   * Files in flight at once. Their decodes run on the libuv pool (4 threads); on the 2-core
   * machine 2–6 measured 72–125 images/s with no clear winner under load, and 3 leaves a
   * pool thread for the label journal's fsyncs while an import runs.
   */
  concurrency: number;
  /** Samples per durable commit. */
  batchSize: number;
  /** A partial batch is committed once this long has passed since the last commit. */
  batchMs: number;
}

export const defaultImportLimits: ImportLimits = {
  maxPixels: 100_000_000,
  maxBytes: 1024 ** 3,
  concurrency: 3,
  batchSize: 100,
  batchMs: 1000,
};

export function resolveLimits(limits: Partial<ImportLimits> = {}): ImportLimits {
  const merged = { ...defaultImportLimits, ...limits };
  return { ...merged, concurrency: Math.max(1, Math.floor(merged.concurrency)), batchSize: Math.max(1, Math.floor(merged.batchSize)) };
}

/** Files up to this size are read once into memory (hash and decode share the bytes). */
export const inMemoryFileBytes = 64 * 1024 * 1024;

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}

export function formatPixels(pixels: number): string {
  return pixels >= 1_000_000 ? `${(pixels / 1_000_000).toFixed(1)} MP` : `${pixels} pixels`;
}
