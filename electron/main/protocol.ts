import { net, protocol } from 'electron';
import { join, normalize, relative, isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { imageVariants, type ImageVariant } from '../../shared/contract/bridge';
import { StudioError } from '../../shared/contract/channel';
import { securityHeaders } from '../server/security';
import type { Studio } from '../services/studio';

export const SCHEME = 'studio';
/** The renderer's own origin: studio://app/ */
export const APP_ORIGIN = `${SCHEME}://app`;

/** Must run before the app is ready. */
export function registerSchemePrivileges(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/**
 * studio://app/<file> serves the built renderer; studio://image/<sampleId>/<variant> serves
 * images by id. No URL text ever becomes a filesystem path outside the renderer folder.
 */
export function handleStudioProtocol(studio: Studio, rendererDir: string): void {
  protocol.handle(SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host === 'image') return serveImage(studio, url.pathname);
    if (url.host === 'app') return serveAppFile(rendererDir, url.pathname);
    return new Response('Not found', { status: 404 });
  });
}

async function serveAppFile(rendererDir: string, pathname: string): Promise<Response> {
  const wanted = normalize(join(rendererDir, decodeURIComponent(pathname === '/' ? '/index.html' : pathname)));
  const rel = relative(rendererDir, wanted);
  if (rel.startsWith('..') || isAbsolute(rel)) return new Response('Not found', { status: 404 });
  const response = await net.fetch(pathToFileURL(wanted).toString());
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(securityHeaders)) headers.set(name, value);
  return new Response(response.body, { status: response.status, headers });
}

async function serveImage(studio: Studio, pathname: string): Promise<Response> {
  const match = /^\/([A-Za-z0-9_-]{1,64})\/([a-z]+)$/.exec(pathname);
  if (!match || !(imageVariants as readonly string[]).includes(match[2])) return new Response('Not found', { status: 404 });
  try {
    const { data, mime } = await studio.images(match[1], match[2] as ImageVariant);
    return new Response(new Uint8Array(data), { headers: { 'Content-Type': mime, 'Cache-Control': 'private, max-age=3600' } });
  } catch (error) {
    const status = error instanceof StudioError && error.code === 'not-found' ? 404 : 500;
    return new Response(error instanceof Error ? error.message : 'Image unavailable', { status });
  }
}
