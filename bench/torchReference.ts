import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { lastJsonLine, runPython } from './runPython';

/** Rows handed to the reference script: float32 features and, for labeled parts, int32 labels. */
export interface ReferencePart {
  x: Float32Array;
  y?: Int32Array;
  count: number;
}

export interface TorchTiming {
  train_s: number;
  score_s: number;
  total_s: number;
  threads: number;
  torch: string;
}

const script = resolve(import.meta.dirname, 'reference', 'torch_linear_head.py');

/**
 * Runs bench/reference/torch_linear_head.py on the same rows the studio trains and scores:
 * the same-run reference for the retrain + rescore figures. Null (with the reason) where
 * Python or torch is missing.
 */
export async function torchReference(parts: { train: ReferencePart; val: ReferencePart; pool: ReferencePart }, dim: number, classes: number, repeats = 3): Promise<TorchTiming | { unavailable: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'studio-bench-torch-'));
  try {
    const meta: Record<string, unknown> = { dim, classes, threads: 2, repeats };
    for (const [name, part] of Object.entries(parts)) {
      const x = join(dir, `${name}.x.f32`);
      await writeFile(x, new Uint8Array(part.x.buffer, part.x.byteOffset, part.count * dim * 4));
      const entry: Record<string, unknown> = { x, count: part.count };
      if (part.y) {
        entry.y = join(dir, `${name}.y.i32`);
        await writeFile(entry.y as string, new Uint8Array(part.y.buffer, part.y.byteOffset, part.count * 4));
      }
      meta[name] = entry;
    }
    const metaFile = join(dir, 'data.json');
    await writeFile(metaFile, JSON.stringify(meta));
    return lastJsonLine<TorchTiming>(script, await runPython(script, [metaFile], 2));
  } catch (error) {
    return { unavailable: (error as Error).message };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
