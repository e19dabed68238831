import { join } from 'node:path';
import { sampleSchema, type Sample } from '../../../shared/domain/records';
import { StudioError } from '../../../shared/contract/channel';
import { projectFiles } from '../../services/project/documents';
import { AppendJournal } from '../../services/storage/AppendJournal';
import { nodeFileSystem } from '../../services/storage/fileSystem';

/**
 * The project's samples as the worker sees them: read straight from samples.jsonl (checksummed
 * lines, see AppendJournal) without opening the project, so the worker never takes the lock
 * or repairs a file the host is appending to. A torn last line (an append in flight) is simply
 * not read yet; damaged lines are the host's to report when it opens the project.
 */
export async function readSamples(projectDir: string): Promise<Sample[]> {
  const path = join(projectDir, projectFiles.samples);
  if ((await nodeFileSystem.kind(path)) !== 'file') {
    throw new StudioError('not-found', `No project at ${projectDir} (no ${projectFiles.samples}).`);
  }
  const { entries } = await AppendJournal.read(path, { parse: (json) => sampleSchema.parse(json) });
  const seen = new Set<string>();
  return entries.filter((sample) => !seen.has(sample.id) && Boolean(seen.add(sample.id)));
}
