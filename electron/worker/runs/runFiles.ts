import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { probabilityFiles, type ProbabilityIndex } from '../../../shared/ml/probabilities';
import { writeFileDurably } from '../../services/storage/durableWrite';
import type { SavedHead } from '../heads/index';

export function runDir(projectDir: string, runId: string): string {
  return join(projectDir, 'runs', runId);
}

/**
 * Writes a run's outputs: the probabilities (binary, one row per sample), the trained head
 * (for warm starts and export), and last the index naming rows and columns with the
 * values' sha256. Each file is written durably; a folder without the index is unfinished.
 */
export async function writeRunOutputs(
  projectDir: string,
  runId: string,
  outputs: { classIds: string[]; sampleIds: string[]; probabilities: Float32Array; head: SavedHead },
): Promise<void> {
  const dir = runDir(projectDir, runId);
  await mkdir(dir, { recursive: true });
  await writeProbabilityFiles(dir, runId, outputs, () => writeFileDurably(join(dir, probabilityFiles.head), JSON.stringify(outputs.head)));
}

/**
 * `probabilities.f32` then `probabilities.json` in `dir` (a run's folder, or a new-data
 * batch's predictions by one run); `before` writes anything that must exist once the index does.
 */
export async function writeProbabilityFiles(
  dir: string,
  runId: string,
  outputs: { classIds: string[]; sampleIds: string[]; probabilities: Float32Array },
  before?: () => Promise<void>,
): Promise<void> {
  await mkdir(dir, { recursive: true });
  const bytes = new Uint8Array(outputs.probabilities.buffer, outputs.probabilities.byteOffset, outputs.probabilities.byteLength);
  await writeFileDurably(join(dir, probabilityFiles.values), bytes);
  await before?.();
  const index: ProbabilityIndex = {
    format: 'studio-probabilities/1',
    runId,
    classIds: outputs.classIds,
    sampleIds: outputs.sampleIds,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
  await writeFileDurably(join(dir, probabilityFiles.index), JSON.stringify(index));
}

/** The head a finished run saved, or null when it has none (failed run, older format). */
export async function readSavedHead(projectDir: string, runId: string): Promise<SavedHead | null> {
  try {
    const head = JSON.parse(await readFile(join(runDir(projectDir, runId), probabilityFiles.head), 'utf8')) as SavedHead;
    return head.format === 'studio-head/1' ? head : null;
  } catch {
    return null;
  }
}
