import { stat } from 'node:fs/promises';
import type { Project } from '../project/Project';
import { formatBytes, type ImportLimits } from './limits';
import { readAndHash, unreadable } from './hash';
import { probeImage } from './probe';
import { ImportRejection } from './rejection';
import { renderThumbnail, thumbnailPath, writeFileAtomically } from './thumbnail';
import type { FileOutcome } from './types';
import type { FoundFile } from './walk';
import type { FileLabel } from './labelSources';

export interface PrepareContext {
  project: Project;
  limits: ImportLimits;
  labelFor(file: FoundFile, hash: string): FileLabel | null;
  /** The earliest file (by walk order) seen so far with each content hash, and its outcome. */
  claims: Map<string, { index: number; outcome: Promise<FileOutcome> }>;
}

/**
 * Everything one file needs before it can be committed: size check, hash, duplicate check,
 * header probe, one full decode to a thumbnail and dHash. A file with the same bytes as an
 * earlier file of this import waits for that file instead of being decoded again.
 */
export async function prepareFile(file: FoundFile, index: number, ctx: PrepareContext): Promise<FileOutcome> {
  const reject = (error: ImportRejection): FileOutcome => ({ kind: 'rejected', rejected: { path: file.path, reason: error.reason, detail: error.detail } });
  let hashed;
  try {
    const { size } = await stat(file.path).catch((error: unknown) => Promise.reject(unreadable(error)));
    if (size > ctx.limits.maxBytes) {
      throw new ImportRejection('too-large', `The file is ${formatBytes(size)}; the limit is ${formatBytes(ctx.limits.maxBytes)}.`);
    }
    hashed = await readAndHash(file.path, size);
    if (hashed.size === 0) throw new ImportRejection('not-an-image', 'The file is empty.');
  } catch (error) {
    if (error instanceof ImportRejection) return reject(error);
    throw error;
  }
  const { hash } = hashed;
  const held = ctx.project.samples.byContentHash(hash);
  if (held) return { kind: 'duplicate', path: file.path, hash, duplicateOf: held.path };

  const earlier = ctx.claims.get(hash);
  if (earlier && earlier.index < index) {
    const first = await earlier.outcome;
    if (first.kind === 'rejected') return { kind: 'rejected', rejected: { ...first.rejected, path: file.path } };
    return { kind: 'duplicate', path: file.path, hash, duplicateOf: first.kind === 'prepared' ? first.sample.path : first.duplicateOf };
  }
  const outcome = decode(file, hashed.bytes, hash, hashed.size, ctx).catch((error: unknown) => {
    if (error instanceof ImportRejection) return reject(error);
    throw error;
  });
  if (!earlier || earlier.index > index) ctx.claims.set(hash, { index, outcome });
  return outcome;
}

async function decode(file: FoundFile, bytes: Buffer | null, hash: string, size: number, ctx: PrepareContext): Promise<FileOutcome> {
  const input = bytes ?? file.path;
  const labeled = ctx.labelFor(file, hash);
  const probed = await probeImage(input, ctx.limits.maxPixels);
  const thumbnail = await renderThumbnail(input, probed.format, ctx.limits.maxPixels);
  await writeFileAtomically(thumbnailPath(ctx.project.dir, hash), thumbnail.webp);
  return {
    kind: 'prepared',
    sample: {
      path: file.path,
      relativePath: file.relativePath,
      hash,
      dhash: thumbnail.dhash,
      fineHash: thumbnail.fineHash,
      width: probed.width,
      height: probed.height,
      format: probed.format,
      bytes: size,
      importedLabel: labeled?.label ?? null,
      ...(labeled?.stated ? { stated: labeled.stated } : {}),
    },
  };
}
