import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSamples } from '../../../../electron/worker/project/readSamples';
import { frameLine } from '../../../../electron/services/storage/journalLines';
import { HeldSamples } from '../../../../electron/worker/project/HeldSamples';
import { fakeSample, projectWithSamples } from '../../../helpers/tempProject';

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

describe('the samples a worker holds between jobs', () => {
  it('the next job sees the samples the host appended since, in the order a fresh read gives', async () => {
    const { project, dir, samples } = await projectWithSamples(5);
    const held = new HeldSamples();
    expect((await readSamples(dir, held)).map((s) => s.id)).toEqual(samples.map((s) => s.id));
    const more = [fakeSample(10), fakeSample(11, 'val')];
    await project.samples.add(more);
    await project.samples.add([fakeSample(0)]); // a sample already there: the first line wins
    const next = await readSamples(dir, held);
    expect(next).toEqual(await readSamples(dir));
    expect(next.map((s) => s.id)).toEqual([...samples, ...more].map((s) => s.id));
    await project.close();
  });

  it('a line being appended is left for later, and read once it is whole', async () => {
    const { project, dir, samples } = await projectWithSamples(3);
    await project.close();
    const held = new HeldSamples();
    await readSamples(dir, held);
    const file = join(dir, 'samples.jsonl');
    const late = frameLine(fakeSample(50));
    await appendFile(file, late.slice(0, 20));
    expect((await readSamples(dir, held)).map((s) => s.id)).toEqual(samples.map((s) => s.id));
    await appendFile(file, late.slice(20));
    expect((await readSamples(dir, held)).map((s) => s.id)).toEqual([...samples, fakeSample(50)].map((s) => s.id));
  });

  it('a samples file rewritten under the worker (repaired, or another project in its place) is read afresh', async () => {
    const { project, dir, samples } = await projectWithSamples(4);
    await project.close();
    const held = new HeldSamples();
    await readSamples(dir, held);
    const file = join(dir, 'samples.jsonl');
    const lines = (await readFile(file, 'utf8')).split('\n').filter(Boolean);
    await writeFile(file, `${[...lines].reverse().join('\n')}\n`);
    expect((await readSamples(dir, held)).map((s) => s.id)).toEqual(samples.map((s) => s.id).reverse());
  });
});
