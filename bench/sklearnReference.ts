import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { lastJsonLine, runPython } from './runPython';
import type { LabeledRows } from '../electron/worker/simulation/features';

export interface SklearnReport {
  strategies: Record<string, { seeds: { seed: number; labelsToTarget: number | null }[]; labelsToTarget: number | null }>;
  seconds: number;
}

const script = resolve(import.meta.dirname, 'reference', 'sklearn_al.py');

/**
 * Starts bench/reference/sklearn_al.py (DESIGN.md's plain scikit-learn loop) on the same
 * pools the studio's loop draws, in a child process, so it runs beside the studio's
 * simulation on the other core. Resolves to its report, or to the reason it could not run.
 */
export async function sklearnReference(input: {
  train: LabeledRows;
  test: LabeledRows;
  pools: Int32Array[];
  seeds: number[];
  strategies: string[];
  initial: number;
  batch: number;
  rounds: number;
  target: number;
}): Promise<SklearnReport | { unavailable: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'studio-bench-sklearn-'));
  try {
    const file = (name: string) => join(dir, name);
    const bytes = (a: Float32Array | Int32Array, count: number) => new Uint8Array(a.buffer, a.byteOffset, count);
    await writeFile(file('train.x'), bytes(input.train.x, input.train.count * input.train.dim * 4));
    await writeFile(file('train.y'), bytes(input.train.y, input.train.count * 4));
    await writeFile(file('test.x'), bytes(input.test.x, input.test.count * input.test.dim * 4));
    await writeFile(file('test.y'), bytes(input.test.y, input.test.count * 4));
    const meta = {
      dim: input.train.dim,
      train_x: file('train.x'),
      train_y: file('train.y'),
      test_x: file('test.x'),
      test_y: file('test.y'),
      pools: input.pools.map((p) => Array.from(p)),
      seeds: input.seeds,
      strategies: input.strategies,
      initial: input.initial,
      batch: input.batch,
      rounds: input.rounds,
      target: input.target,
    };
    await writeFile(file('data.json'), JSON.stringify(meta));
    return lastJsonLine<SklearnReport>(script, await runPython(script, [file('data.json')], 1));
  } catch (error) {
    return { unavailable: (error as Error).message };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
