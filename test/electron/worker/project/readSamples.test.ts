import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSamples } from '../../../../electron/worker/project/readSamples';
import { projectWithSamples } from '../../../helpers/tempProject';

describe('the worker reading samples', () => {
  it('reads every complete line and leaves a line still being appended for later, without touching the file', async () => {
    const { project, dir, samples } = await projectWithSamples(5);
    await appendFile(join(dir, 'samples.jsonl'), '{"id":"half-writ');
    const read = await readSamples(dir);
    expect(read.map((s) => s.id)).toEqual(samples.map((s) => s.id));
    await project.close();
  });

  it('a folder without a project says so', async () => {
    await expect(readSamples('/nonexistent/project')).rejects.toThrow(/No project at/);
  });
});
