import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { StudioError } from '../../../shared/contract/channel';
import { probabilityFiles, probabilityIndexSchema } from '../../../shared/ml/probabilities';

/**
 * A finished run's class probabilities for every sample it scored. `row` is a view into
 * the values (no copy); `suggestion` is what the UI shows as the model's guess.
 */
export interface RunProbabilities {
  runId: string;
  classIds: string[];
  sampleIds: string[];
  values: Float32Array;
  row(sampleId: string): Float32Array | null;
  suggestion(sampleId: string): { classId: string; probability: number } | null;
}

/** Reads `runs/<runId>/probabilities.*`, checking shape and checksum. */
export function readRunProbabilities(projectDir: string, runId: string): Promise<RunProbabilities> {
  return readProbabilityFolder(join(projectDir, 'runs', runId), runId);
}

/** Reads the probability files in `dir` (a run's folder, or a batch's predictions by run `runId`). */
export async function readProbabilityFolder(dir: string, runId: string): Promise<RunProbabilities> {
  let index;
  try {
    index = probabilityIndexSchema.parse(JSON.parse(await readFile(join(dir, probabilityFiles.index), 'utf8')));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new StudioError('not-found', `Run ${runId} has no probabilities (it did not finish).`);
    throw new StudioError('io', `The probabilities of run ${runId} are damaged: ${(error as Error).message.split('\n')[0]}`, 'Train again to score the samples.');
  }
  const bytes = await readFile(join(dir, probabilityFiles.values));
  const classes = index.classIds.length;
  if (bytes.length !== index.sampleIds.length * classes * 4 || createHash('sha256').update(bytes).digest('hex') !== index.sha256) {
    throw new StudioError('io', `The probabilities of run ${runId} are damaged (size or checksum does not match).`, 'Train again to score the samples.');
  }
  const values = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const rows = new Map(index.sampleIds.map((id, i) => [id, i]));
  const row = (sampleId: string) => {
    const i = rows.get(sampleId);
    return i === undefined ? null : values.subarray(i * classes, (i + 1) * classes);
  };
  return {
    runId,
    classIds: index.classIds,
    sampleIds: index.sampleIds,
    values,
    row,
    suggestion(sampleId) {
      const p = row(sampleId);
      if (!p) return null;
      let best = 0;
      for (let c = 1; c < classes; c++) if (p[c] > p[best]) best = c;
      return { classId: index.classIds[best], probability: p[best] };
    },
  };
}
