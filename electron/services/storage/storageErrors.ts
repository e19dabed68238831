import { StudioError } from '../../../shared/contract/channel';

/** What a failed write did and did not save, in the user's words. */
export interface WriteOutcome {
  /** e.g. `The class "zebra" was not created.` */
  notSaved: string;
  /** e.g. `The 200 images before it are saved.`; defaults to "everything saved before is safe". */
  saved?: string;
}

/**
 * Turns a failed write into an error that names the cause and says what was and was not
 * saved. Every write path of the storage layer rolls back before this is thrown, so "nothing
 * was lost" is true: what the user was told was saved still is.
 */
export function failedWrite(error: unknown, outcome: WriteOutcome): StudioError {
  if (error instanceof StudioError) return error;
  return Object.assign(describe(error, outcome), { cause: error });
}

function describe(error: unknown, outcome: WriteOutcome): StudioError {
  const code = errnoOf(error);
  const saved = outcome.saved ?? 'Everything saved before is safe.';
  const what = `${outcome.notSaved} ${saved}`;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new StudioError(
      'disk-full',
      `The disk is full: free space and try again; nothing was lost. ${what}`,
      'Free some space on the disk that holds the project folder, then do it again.',
    );
  }
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') {
    return new StudioError('io', `The project folder cannot be written (${code}). ${what}`, 'Check that the folder is writable and its disk is not mounted read-only.');
  }
  if (code === 'EIO') {
    return new StudioError('io', `The disk reported a read/write error (EIO). ${what}`, 'The disk may be failing: copy the project folder to another disk.');
  }
  const message = error instanceof Error ? error.message : String(error);
  return new StudioError('io', `Could not save: ${message}. ${what}`, 'Check free disk space and that the project folder is writable.');
}

/** Node's error code (ENOSPC, EIO…) of `error` or of its cause. */
export function errnoOf(error: unknown): string | undefined {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return code;
  }
  return undefined;
}
