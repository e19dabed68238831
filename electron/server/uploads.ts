import { createWriteStream } from 'node:fs';
import { mkdir, rename, unlink } from 'node:fs/promises';
import { dirname, join, relative, isAbsolute } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { StudioError } from '../../shared/contract/channel';

export const MAX_UPLOAD_BYTES = 1024 ** 3;

/** Where a browser-mode upload batch lands: inside the open project, e.g. <project>/uploads/<batchId>. */
export type UploadFolder = (batchId: string) => string;

/**
 * A file dropped on a browser tab (which cannot tell us its path) is sent here and saved
 * under the project's uploads folder, keeping its relative path so folder labels still
 * work; the tab then imports that folder. Hostile relative paths are refused.
 */
export async function receiveUpload(request: IncomingMessage, response: ServerResponse, batchId: string, folderFor: UploadFolder): Promise<void> {
  const rawPath = request.headers['x-relative-path'];
  const relPath = safeRelativePath(typeof rawPath === 'string' ? decodeURIComponent(rawPath) : '');
  const declared = Number(request.headers['content-length'] ?? NaN);
  if (declared > MAX_UPLOAD_BYTES) throw new StudioError('invalid-request', 'The file is larger than 1 GiB.');
  const batchDir = folderFor(batchId);
  const target = join(batchDir, ...relPath);
  const rel = relative(batchDir, target);
  if (rel.startsWith('..') || isAbsolute(rel)) throw new StudioError('invalid-request', 'That upload path leaves its folder.');
  await mkdir(dirname(target), { recursive: true });
  const temp = `${target}.${process.pid}.upload`;
  let received = 0;
  request.on('data', (chunk: Buffer) => {
    received += chunk.length;
    if (received > MAX_UPLOAD_BYTES) request.destroy(new Error('The file is larger than 1 GiB.'));
  });
  try {
    await pipeline(request, createWriteStream(temp));
    await rename(temp, target);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw new StudioError('io', `The upload of ${relPath.join('/')} failed: ${(error as Error).message}`);
  }
  response.writeHead(200, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify({ dir: batchDir }));
}

/** Splits a client-given relative path into safe segments, or throws. */
export function safeRelativePath(text: string): string[] {
  if (!text || text.length > 1024 || text.includes('\0')) throw new StudioError('invalid-request', 'An upload needs a relative file path.');
  const parts = text.split(/[\\/]+/).filter((p) => p.length > 0);
  if (parts.length === 0 || text.startsWith('/') || /^[A-Za-z]:/.test(text)) throw new StudioError('invalid-request', 'Upload paths must be relative.');
  for (const part of parts) {
    if (part === '.' || part === '..' || part.startsWith('.') || /[<>:"|?*\u0000-\u001f]/.test(part)) {
      throw new StudioError('invalid-request', `The upload path segment "${part.slice(0, 40)}" is not allowed.`);
    }
  }
  return parts;
}
