import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import type { CliCommand } from '../../../../electron/cli/command';
import { commands } from '../../../../electron/cli/commands/index';
import type { QueryPick } from '../../../../electron/cli/commands/query';
import { MlWorker } from '../../../../electron/services/ml/MlWorker';
import { ModelCatalog } from '../../../../electron/services/ml/models/ModelCatalog';
import { RunService } from '../../../../electron/services/ml/RunService';
import { tempDir } from '../../../helpers/tempProject';
import { mlProject } from '../ml/mlFixtures';

// `studio query`: the worker's query job over a project it holds the lock of, since the job
// may add embeddings to the project's cache.

const previousCache = process.env.STUDIO_CACHE_DIR;
afterEach(() => {
  process.env.STUDIO_CACHE_DIR = previousCache;
});

async function query(dir: string, values: Record<string, string> = {}): Promise<QueryPick[]> {
  const command = commands.find((c) => c.name === 'query') as CliCommand<QueryPick[]>;
  return command.run({ positionals: [dir], values, json: true, progress: () => undefined, signal: new AbortController().signal });
}

describe('studio query', () => {
  it('lists the picks of a strategy best first, with why and the top classes by name', async () => {
    process.env.STUDIO_CACHE_DIR = await tempDir('studio-cache-');
    const { project, dir, samples, truth } = await mlProject({ perClass: 10, label: false });
    const train = samples.filter((s) => s.split === 'train');
    for (const sample of train.slice(0, 6)) await project.labels.setClass(sample.id, project.doc.classes[truth.get(sample.id)!].id, { annotator: 'tester', seconds: 1 });
    const worker = new MlWorker({ onLog: () => undefined });
    try {
      const runs = new RunService({ worker, catalog: new ModelCatalog({ cacheDir: process.env.STUDIO_CACHE_DIR }) });
      expect((await (await runs.start(project, { backboneId: 'pixels-8x8-rgb' })).done).status).toBe('succeeded');
    } finally {
      await worker.dispose();
    }
    await expect(query(dir, { strategy: 'margin', n: '3' })).rejects.toThrow(/already open/); // never beside a writer
    await project.close();
    const picks = await query(dir, { strategy: 'margin', n: '3' });
    expect(picks).toHaveLength(3);
    expect(picks.map((p) => p.score)).toEqual([...picks.map((p) => p.score)].sort((a, b) => b - a));
    const labeled = new Set(train.slice(0, 6).map((s) => s.id));
    for (const pick of picks) {
      expect(labeled.has(pick.id)).toBe(false);
      expect(pick.reason).toMatch(/^margin \d\.\d\d between (red and blue|blue and red)$/);
      expect(pick.top.map((t) => t.label).sort()).toEqual(['blue', 'red']);
      expect(pick.top[0].probability).toBeGreaterThanOrEqual(pick.top[1].probability);
    }
    await expect(query(dir, { strategy: 'psychic' })).rejects.toThrow(/no query strategy named "psychic"/);
  });

  it('without --strategy and without a model, the loop’s cold-start choice answers with no top classes', async () => {
    process.env.STUDIO_CACHE_DIR = await tempDir('studio-cache-');
    const { project, dir } = await mlProject({ perClass: 6, label: false });
    await project.close();
    const picks = await query(dir, { n: '4' });
    expect(picks).toHaveLength(4);
    for (const pick of picks) expect(pick).toMatchObject({ reason: expect.stringMatching(/^typical of a cluster/), top: [] });
    await expect(query(dir, { strategy: 'margin' })).rejects.toThrow(/needs a trained model/);
  });

  it('`studio query --json` prints the JSON array on stdout', async () => {
    const { project, dir } = await mlProject({ perClass: 4, label: false });
    await project.close();
    const cli = resolve(__dirname, '../../../../electron/cli/index.ts');
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    const env = { ...process.env, STUDIO_CACHE_DIR: await tempDir('studio-cache-') };
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', tsx, cli, 'query', dir, '--strategy', 'random', '--n', '2', '--json'], { env });
    const picks = JSON.parse(stdout) as QueryPick[];
    expect(picks).toEqual([expect.objectContaining({ reason: 'random pick (baseline)', top: [] }), expect.objectContaining({ reason: 'random pick (baseline)' })]);
  });
});
