import { RequestFailed } from './studioApi';
import type { DroppedFile, UploadProgress } from '../store/deps';

/** How many files travel at once: enough to hide latency, few enough to keep the page lively. */
const parallelUploads = 4;

/**
 * Browser mode: the studio cannot read paths on this computer, so dropped files are sent
 * to it (`POST /upload/<batch>`, the session cookie authorises it) and land in one folder
 * on the studio's side, keeping their relative paths. Resolves to that folder.
 */
export async function uploadDroppedFiles(
  files: readonly DroppedFile[],
  batchId: string,
  onProgress: (progress: UploadProgress) => void,
  signal: AbortSignal,
): Promise<string> {
  if (files.length === 0) throw new RequestFailed({ code: 'invalid-request', message: 'Nothing to upload: no files were dropped.' });
  let next = 0;
  let done = 0;
  let dir: string | null = null;
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      if (signal.aborted) throw new DOMException('Upload cancelled', 'AbortError');
      const { file, relativePath } = files[next++];
      const response = await fetch(`upload/${encodeURIComponent(batchId)}`, {
        method: 'POST',
        headers: { 'X-Relative-Path': encodeURIComponent(relativePath), 'Content-Type': 'application/octet-stream' },
        body: file,
        signal,
      });
      if (!response.ok) {
        const text = (await response.text().catch(() => '')).trim();
        throw new RequestFailed({
          code: response.status === 401 ? 'unauthorized' : 'io',
          message: `Uploading ${relativePath} failed (${response.status}): ${text || response.statusText}`,
          hint: response.status === 401 ? 'Open the URL that `studio serve` printed again.' : 'Nothing was imported; try again.',
        });
      }
      const body = (await response.json()) as { dir?: unknown };
      if (typeof body.dir === 'string') dir ??= body.dir;
      done += 1;
      onProgress({ done, total: files.length });
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallelUploads, files.length) }, worker));
  if (!dir) throw new RequestFailed({ code: 'internal', message: 'The studio did not say where the uploaded files went.' });
  return dir;
}
