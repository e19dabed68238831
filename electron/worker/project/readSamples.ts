import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sampleSchema, type Sample } from '../../../shared/domain/records';
import { StudioError } from '../../../shared/contract/channel';
import { projectFiles } from '../../services/project/documents';

/**
 * The project's samples as the worker sees them: read straight from samples.jsonl without
 * opening the project, so the worker never takes the lock or repairs a file the host is
 * appending to. A torn last line (an append in flight) is simply not read yet.
 */
export async function readSamples(projectDir: string): Promise<Sample[]> {
  let text: string;
  try {
    text = await readFile(join(projectDir, projectFiles.samples), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new StudioError('not-found', `No project at ${projectDir} (no ${projectFiles.samples}).`);
    }
    throw error;
  }
  const samples: Sample[] = [];
  const seen = new Set<string>();
  const end = text.lastIndexOf('\n');
  for (const line of text.slice(0, end + 1).split('\n')) {
    if (!line) continue;
    try {
      const sample = sampleSchema.parse(JSON.parse(line));
      if (!seen.has(sample.id)) {
        seen.add(sample.id);
        samples.push(sample);
      }
    } catch {
      // A damaged line: the host reports it when it opens the project.
    }
  }
  return samples;
}
