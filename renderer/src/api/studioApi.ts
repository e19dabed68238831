import { buildApi, type StudioApi } from '../../../shared/contract';
import type { Result, StudioErrorPayload } from '../../../shared/contract/channel';
import type { ImageVariant } from '../../../shared/contract/bridge';
import { createBridgeTransport } from './bridgeTransport';

/** What the Electron preload adds besides `window.api`. */
interface StudioShell {
  kind: 'electron';
  pathForFile(file: File): string;
}

declare global {
  interface Window {
    api?: StudioApi;
    studioShell?: StudioShell;
  }
}

let api: StudioApi | null = null;

/** `window.api` in Electron; the WebSocket bridge in browser mode. Same contract either way. */
export function studioApi(): StudioApi {
  api ??= window.api ?? buildApi(createBridgeTransport());
  return api;
}

export const isElectron = (): boolean => window.studioShell?.kind === 'electron';

/**
 * The URL of a sample's image, by id: the custom protocol in Electron, an HTTP route in the
 * browser, relative to the page (the studio serves each session under its own path).
 */
export function imageUrl(sampleId: string, variant: ImageVariant): string {
  return isElectron() ? `studio://image/${sampleId}/${variant}` : `image/${sampleId}/${variant}`;
}

/** A failed request, with the message and hint to show the user. */
export class RequestFailed extends Error {
  constructor(readonly error: StudioErrorPayload) {
    super(error.message);
  }
}

/** Resolves to the value or throws RequestFailed. */
export async function unwrap<T>(pending: Promise<Result<T>>): Promise<T> {
  const result = await pending;
  if (!result.ok) throw new RequestFailed(result.error);
  return result.value;
}
