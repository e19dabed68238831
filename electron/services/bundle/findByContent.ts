import { stat } from 'node:fs/promises';
import { StudioError } from '../../../shared/contract/channel';
import type { Sample } from '../../../shared/domain/records';
import { walkSources } from '../ingest/walk';
import { sha256OfFile } from '../ml/models/download';

/**
 * Finds images by content in a folder the user names: walks it (links inside it only), hashes
 * only files whose size matches a missing image, and returns content hash → path.
 */
export async function findByContent(folder: string, wanted: readonly Sample[], onProgress?: (message: string) => void): Promise<Map<string, string>> {
  const sizes = new Set(wanted.map((s) => s.bytes));
  const hashes = new Set(wanted.map((s) => s.hash));
  const { files } = await walkSources([folder]).catch((error: unknown) => {
    throw new StudioError('not-found', `Cannot look for images in ${folder}: ${(error as Error).message}`, 'Name a folder that holds the project\'s images (--images-from).');
  });
  const found = new Map<string, string>();
  let checked = 0;
  for (const file of files) {
    if (found.size === hashes.size) break;
    const { size } = await stat(file.path);
    if (!sizes.has(size)) continue;
    const hash = await sha256OfFile(file.path);
    if (hashes.has(hash) && !found.has(hash)) found.set(hash, file.path);
    if (++checked % 500 === 0) onProgress?.(`looking for moved images: ${checked} checked, ${found.size} of ${hashes.size} found`);
  }
  return found;
}
