import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CliCommand } from '../../../electron/cli/command';
import { commands } from '../../../electron/cli/commands/index';
import { writeDemoImages } from '../../../electron/services/demo/demoImages';
import { tempDir } from '../../helpers/tempProject';

// `studio quality` on the demo project: its deliberately wrong CSV labels and its
// near-duplicates are what a lead should see first.

const previousCache = process.env.STUDIO_CACHE_DIR;
afterEach(() => {
  process.env.STUDIO_CACHE_DIR = previousCache;
});

async function run<R>(name: string, positionals: string[], values: Record<string, string | boolean> = {}): Promise<R> {
  const command = commands.find((c) => c.name === name) as CliCommand<R>;
  return command.run({ positionals, values, json: true, progress: () => undefined, signal: new AbortController().signal });
}

interface QualityOutput {
  suspectedLabelErrors: { id: string; given: string; suggested: string; score: number }[];
  duplicateGroups: { ids: string[]; kind: string; straddlesSplits: boolean }[];
  outliers: { id: string; score: number }[];
}

describe('studio quality', () => {
  it("lists the demo's wrong CSV labels among the first suspects and groups its near-duplicates", async () => {
    process.env.STUDIO_CACHE_DIR = await tempDir('studio-cache-');
    const root = await tempDir();
    const dir = join(root, 'demo');
    await run('demo', [dir]);
    await expect(run('quality', [dir])).rejects.toThrow(/no trained run/);
    // Pixels keep this test quick (the demo's loop defaults to the built-in MobileNetV2, whose 224×224
    // embedding of every demo image takes a minute on a loaded 2-core machine).
    await run('train', [dir], { backbone: 'pixels' });
    const result = await run<QualityOutput>('quality', [dir]);

    // The same seed draws the same pictures: the plan says which labels are wrong.
    const planDir = join(root, 'plan');
    const plan = await writeDemoImages(planDir, 42, 'normal');
    const idOf = async (file: string) => createHash('sha256').update(await readFile(join(planDir, file))).digest('hex').slice(0, 16);
    const wrong = await Promise.all(plan.images.filter((i) => i.csvLabel !== null && i.csvLabel !== i.shape).map((i) => idOf(i.fileName)));
    const suspects = result.suspectedLabelErrors.map((s) => s.id);
    const found = wrong.filter((id) => suspects.includes(id));
    expect(found.length).toBeGreaterThanOrEqual(6); // of 8
    expect(wrong.filter((id) => suspects.slice(0, 10).includes(id)).length).toBeGreaterThanOrEqual(5);
    const scores = result.suspectedLabelErrors.map((s) => s.score);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));

    const near = await Promise.all(plan.images.filter((i) => i.kind === 'near-duplicate').map((i) => idOf(i.fileName)));
    const grouped = new Set(result.duplicateGroups.flatMap((g) => g.ids));
    expect(near.filter((id) => grouped.has(id)).length).toBeGreaterThanOrEqual(6); // of 8

    // A second call reads the stored report instead of checking again.
    const again = await run<QualityOutput>('quality', [dir]);
    expect(again.suspectedLabelErrors).toEqual(result.suspectedLabelErrors);
  });
});
