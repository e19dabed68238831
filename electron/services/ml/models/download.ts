import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat, unlink } from 'node:fs/promises';
import { StudioError } from '../../../../shared/contract/channel';

export interface DownloadProgressReport {
  receivedBytes: number;
  totalBytes: number | null;
  resumedFrom: number;
}

export interface DownloadOptions {
  url: string;
  /** The partial file; kept after an interruption so the next try can resume. */
  partPath: string;
  /** What the user knows the model as, for messages. */
  label: string;
  signal?: AbortSignal;
  onProgress?(progress: DownloadProgressReport): void;
}

/**
 * Downloads `url` into `partPath`, resuming a partial file with an HTTP Range request.
 * A server that ignores the range (200) or answers 416 restarts from zero. An interrupted
 * transfer keeps what arrived and fails with a message that says the next try resumes;
 * cancelling does the same. Offline (refused, unknown host, timeout) fails with a clear
 * message before anything is written.
 */
export async function downloadToPart(options: DownloadOptions): Promise<{ bytes: number; resumedFrom: number }> {
  const { url, partPath, label, signal } = options;
  let start = await sizeOf(partPath);
  let response = await request(url, start, label, signal);
  if (start > 0 && (response.status === 416 || (response.status === 206 && !rangeStartsAt(response, start)))) {
    await response.body?.cancel().catch(() => undefined);
    await unlink(partPath).catch(() => undefined);
    start = 0;
    response = await request(url, 0, label, signal);
  }
  if (response.status !== 200 && response.status !== 206) {
    await response.body?.cancel().catch(() => undefined);
    throw new StudioError('io', `Cannot download ${label}: the server answered ${response.status} ${response.statusText} for ${url}.`, 'Try again later, or add the model file yourself with `studio models add`.');
  }
  if (response.status === 200) start = 0; // the server sent the whole file
  const length = Number(response.headers.get('content-length') ?? NaN);
  const total = Number.isFinite(length) ? start + length : null;
  const file = await open(partPath, start > 0 ? 'a' : 'w');
  let received = start;
  let reportedAt = 0;
  const report = (force: boolean) => {
    const now = performance.now();
    if (!force && now - reportedAt < 200) return; // a few updates a second is plenty for a bar
    reportedAt = now;
    options.onProgress?.({ receivedBytes: received, totalBytes: total, resumedFrom: start });
  };
  report(true);
  try {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      await file.write(chunk);
      received += chunk.byteLength;
      report(false);
    }
    report(true);
    if (total !== null && received < total) throw new Error('the connection closed early');
    await file.sync();
  } catch (error) {
    await file.sync().catch(() => undefined);
    if (signal?.aborted) throw new StudioError('cancelled', `The download of ${label} was cancelled after ${megabytes(received)} MB.`, 'Start it again to resume where it stopped.');
    throw new StudioError(
      'io',
      `The download of ${label} stopped after ${megabytes(received)}${total ? ` of ${megabytes(total)}` : ''} MB (${reasonOf(error)}).`,
      'Try again: the download resumes where it stopped.',
    );
  } finally {
    await file.close();
  }
  return { bytes: received, resumedFrom: start };
}

async function request(url: string, start: number, label: string, signal?: AbortSignal): Promise<Response> {
  try {
    return await fetch(url, { headers: start > 0 ? { range: `bytes=${start}-` } : {}, signal, redirect: 'follow' });
  } catch (error) {
    if (signal?.aborted) throw new StudioError('cancelled', `The download of ${label} was cancelled.`);
    const code = causeCode(error);
    const host = safeHost(url);
    const offline = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'ECONNRESET'];
    const why = offline.includes(code) ? `cannot reach ${host} (${code}); the computer seems to be offline or the server is down` : `${reasonOf(error)}${code ? ` (${code})` : ''}`;
    throw new StudioError('io', `Cannot download ${label}: ${why}.`, 'Connect to the internet once to download it, use the built-in `pixels` backbone, or add a model file you have with `studio models add`.');
  }
}

function rangeStartsAt(response: Response, start: number): boolean {
  return (response.headers.get('content-range') ?? '').startsWith(`bytes ${start}-`);
}

/** sha256 of a file, streamed. */
export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}

function causeCode(error: unknown): string {
  const cause = (error as { cause?: { code?: string; errors?: { code?: string }[] } }).cause;
  return cause?.code ?? cause?.errors?.[0]?.code ?? (error as { code?: string }).code ?? '';
}

function reasonOf(error: unknown): string {
  const code = causeCode(error);
  if (code === 'UND_ERR_SOCKET' || /terminated|other side closed/i.test(String((error as Error)?.message))) return 'the connection was lost';
  return String(error instanceof Error ? error.message : error).split('\n')[0].slice(0, 200);
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function megabytes(bytes: number): string {
  return (bytes / 1e6).toFixed(1);
}
