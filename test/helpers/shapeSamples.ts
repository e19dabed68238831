import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Split } from '../../shared/contract/schemas';
import type { Sample } from '../../shared/domain/records';
import { mulberry32 } from '../../shared/domain/mulberry32';
import { randomScene, sceneSvg, shapeClasses } from '../../electron/services/demo/shapes';

/**
 * Demo-shape pictures (128×128 PNG) as sample records of a project folder, `perClass` of
 * each of the first `classes` shapes, alternating between the given splits. For the
 * worker's training code, which reads samples and writes into `<projectDir>/embeddings/`.
 */
export async function shapeSamples(projectDir: string, options: { perClass: number; classes?: number; splits?: Split[]; seed?: number }): Promise<{ sample: Sample; classIndex: number }[]> {
  const random = mulberry32(options.seed ?? 5);
  const splits = options.splits ?? ['train'];
  const dir = join(projectDir, 'images');
  await mkdir(dir, { recursive: true });
  const out: { sample: Sample; classIndex: number }[] = [];
  for (let i = 0; i < options.perClass; i++) {
    for (const [classIndex, shape] of shapeClasses.slice(0, options.classes ?? 2).entries()) {
      const path = join(dir, `${shape}-${i}.png`);
      await sharp(Buffer.from(sceneSvg(randomScene(shape, random)))).png().toFile(path);
      const bytes = await readFile(path);
      const n = out.length;
      const sample: Sample = {
        id: `s${n}`,
        path,
        relativePath: `${shape}-${i}.png`,
        hash: createHash('sha256').update(bytes).digest('hex'),
        dhash: '0'.repeat(16),
        width: 128,
        height: 128,
        format: 'png',
        bytes: bytes.length,
        split: splits[i % splits.length],
        importedLabel: null,
        addedAt: new Date(0).toISOString(),
      };
      out.push({ sample, classIndex });
    }
  }
  return out;
}
