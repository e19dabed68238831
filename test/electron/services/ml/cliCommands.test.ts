import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import type { CliCommand } from '../../../../electron/cli/command';
import { commands } from '../../../../electron/cli/commands/index';
import type { BackboneListing } from '../../../../shared/ml/catalog';
import type { EmbedReport } from '../../../../shared/ml/messages';
import type { RunRecord } from '../../../../shared/ml/runs';
import type { PoolPrediction } from '../../../../electron/cli/commands/predict-pool';
import { LoopStore } from '../../../../electron/services/loop/LoopStore';
import { Project } from '../../../../electron/services/project/Project';
import { tempDir } from '../../../helpers/tempProject';
import { tinyOnnxCard, writeTinyOnnx } from '../../../helpers/tinyModels';
import { mlProject } from './mlFixtures';

// The commands run in this process (each still forks its real ML worker); one test runs
// the CLI binary itself to check the --json output end to end.

const previousCache = process.env.STUDIO_CACHE_DIR;
afterEach(() => {
  process.env.STUDIO_CACHE_DIR = previousCache;
});

async function command<R>(name: string, positionals: string[], values: Record<string, string | boolean> = {}): Promise<{ result: R; progress: string[] }> {
  const found = commands.find((c) => c.name === name) as CliCommand<R> | undefined;
  if (!found) throw new Error(`no command ${name}`);
  const progress: string[] = [];
  const result = await found.run({ positionals, values, json: true, progress: (m) => progress.push(m), signal: new AbortController().signal });
  return { result, progress };
}

describe('the ML commands of the CLI', () => {
  it('embed, train and predict-pool drive a project from labels to a suggestion for every sample', async () => {
    const { project, dir, samples } = await mlProject({ perClass: 5 });
    await project.close();
    process.env.STUDIO_CACHE_DIR = await tempDir('studio-cache-');

    const embedded = await command<EmbedReport>('embed', [dir], { backbone: 'pixels-8x8-rgb' });
    expect(embedded.result).toMatchObject({ computed: 10, failed: 0 });

    const trained = await command<RunRecord>('train', [dir], { backbone: 'pixels-8x8-rgb', head: 'mlp', epochs: '5' });
    expect(trained.result).toMatchObject({ status: 'succeeded', head: { kind: 'mlp', epochs: 5 }, backbone: { id: 'pixels-8x8-rgb' } });
    expect(trained.progress.some((line) => /^epoch 1\/5/.test(line))).toBe(true);
    // The run is the loop's first round, so the studio shows it on the learning curve.
    const reader = await Project.open(dir, { readOnly: true });
    const loop = await LoopStore.open(reader);
    expect(loop.rounds).toMatchObject([{ round: 1, runId: trained.result.id, labels: trained.result.labels.train + trained.result.labels.val }]);
    expect(loop.runStart?.runId).toBe(trained.result.id);
    await reader.close();

    const { result: predictions } = await command<PoolPrediction[]>('predict-pool', [dir]);
    expect(predictions).toHaveLength(samples.length);
    for (const p of predictions) {
      expect(['red', 'blue']).toContain(p.label);
      expect(p.probability).toBe(Math.max(...Object.values(p.probabilities)));
      expect(Object.keys(p.probabilities).sort()).toEqual(['blue', 'red']);
    }
  });

  it('predict-pool before any training says to train first', async () => {
    const { project, dir } = await mlProject({ perClass: 2 });
    await project.close();
    await expect(command('predict-pool', [dir])).rejects.toThrow(/no trained model yet/);
  });

  it('models add checks a local model with one image; a wrong card is refused and not listed', async () => {
    process.env.STUDIO_CACHE_DIR = await tempDir('studio-cache-');
    const file = await writeTinyOnnx(join(await tempDir(), 'mine.onnx'));
    const { engine: _engine, ...card } = tinyOnnxCard('my-cli-net');
    const added = await command<BackboneListing>('models', ['add', file], { card: JSON.stringify(card) });
    expect(added.result).toMatchObject({ source: 'local', status: 'ready' });
    await expect(command('models', ['add', file], { card: JSON.stringify({ ...card, id: 'wrong-net', embeddingSize: 99 }) })).rejects.toThrow(/gives 8/);
    await expect(command('models', ['add', file], { card: '{not json' })).rejects.toThrow(/not valid JSON/);
  });

  it('`studio backbones --json` prints the catalog, the built-ins and the local models as JSON', async () => {
    const cache = await tempDir('studio-cache-');
    const cli = resolve(__dirname, '../../../../electron/cli/index.ts');
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', tsx, cli, 'backbones', '--json'], { env: { ...process.env, STUDIO_CACHE_DIR: cache } });
    const list = JSON.parse(stdout) as BackboneListing[];
    expect(list.map((b) => b.card.id)).toEqual(expect.arrayContaining(['pixels', 'pixels-28x28-gray', 'mobilenetv2-onnx', 'dinov2-small-onnx']));
    expect(list.find((b) => b.card.id === 'dinov2-small-onnx')).toMatchObject({ status: 'not-downloaded', licence: 'Apache-2.0', sha256: expect.stringMatching(/^8314/) });
  });
});
