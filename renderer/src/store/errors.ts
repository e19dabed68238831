import type { StudioErrorPayload } from '../../../shared/contract/channel';
import { RequestFailed } from '../api/studioApi';

/** Any thrown thing as the error payload a toast or a form shows. */
export function errorPayloadOf(error: unknown): StudioErrorPayload {
  if (error instanceof RequestFailed) return error.error;
  if (error && typeof error === 'object' && 'code' in error && 'message' in error) {
    const e = error as StudioErrorPayload;
    if (typeof e.message === 'string') return e;
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: message || 'Something went wrong.' };
}
