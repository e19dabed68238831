import { execFile, spawnSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRunProbabilities } from '../../../../electron/services/ml/probabilityFiles';
import { imageInput } from '../../../../electron/worker/export/imageInput';
import { exifRotatedJpeg, writeBytes, writeImage } from '../../../helpers/images';
import { sharedWorker, trainedRun } from './exportedRuns';
import { tempDir } from '../../../helpers/tempProject';

const run = promisify(execFile);
const shared = sharedWorker();
const python = '/usr/bin/python3';
const pillow = spawnSync(python, ['-c', 'import PIL, numpy'], { stdio: 'ignore' }).status === 0;
const pythonOrt = spawnSync(python, ['-c', 'import onnxruntime'], { stdio: 'ignore' }).status === 0;
if (!pythonOrt) console.warn(`${python} has no onnxruntime (neither Debian nor npm packages it): examples/predict.py's probabilities are checked through onnxruntime-node on Pillow's pixels instead, and the script itself only for its message.`);

// One export for the file, kept with copies of the project's images and the run's
// probabilities (tempDir() folders, the project's among them, go after each test).
let root: string;
let outDir: string;
let images: { path: string; studio: Float32Array }[];
beforeAll(async () => {
  const trained = await trainedRun(shared.worker, 'onnx');
  root = await mkdtemp(join(tmpdir(), 'studio-examples-'));
  outDir = join(root, 'model');
  await trained.exports.export(trained.project, { outDir });
  await trained.project.close();
  const probabilities = await readRunProbabilities(trained.dir, trained.run.id);
  await mkdir(join(root, 'images'));
  images = await Promise.all(
    trained.samples.map(async (s) => {
      const path = join(root, 'images', basename(s.path));
      await copyFile(s.path, path);
      return { path, studio: probabilities.row(s.id)!.slice() };
    }),
  );
});
afterAll(() => rm(root, { recursive: true, force: true }));

/** The uint8 [H, W, C] arrays examples/predict.py's `load_image` makes, read back through stdout. */
async function pythonPixels(folder: string, paths: string[]): Promise<Buffer[]> {
  const script = 'import sys; sys.path.insert(0, sys.argv[1]); import predict\nfor p in sys.argv[2:]: sys.stdout.buffer.write(predict.load_image(p).tobytes())';
  const { stdout } = await run(python, ['-c', script, join(folder, 'examples'), ...paths], { encoding: 'buffer', maxBuffer: 64 << 20 });
  const size = stdout.length / paths.length;
  return paths.map((_, i) => stdout.subarray(i * size, (i + 1) * size));
}

describe('the examples in an export', () => {
  it("examples/predict.mjs, run as the model card prints it, gives the studio's probabilities within 1e-4", async () => {
    // "npm install onnxruntime-node sharp" in the export folder: here, the studio's own copies.
    await symlink(resolve('node_modules'), join(outDir, 'node_modules'), 'dir');
    const some = images.slice(0, 5);
    const { stdout } = await run(process.execPath, ['examples/predict.mjs', ...some.map((i) => i.path)], { cwd: outDir });
    const rows = JSON.parse(stdout) as { path: string; label: string; probability: number; probabilities: Record<string, number> }[];
    expect(rows.map((r) => r.path)).toEqual(some.map((i) => i.path));
    rows.forEach((row, i) => {
      const expected = some[i].studio;
      expect(Math.abs(row.probabilities.red - expected[0])).toBeLessThan(1e-4);
      expect(Math.abs(row.probabilities.blue - expected[1])).toBeLessThan(1e-4);
      expect(row.label).toBe(expected[0] > expected[1] ? 'red' : 'blue');
    });
  });

  it('examples/predict.mjs gives an unreadable image an error row and still predicts the others', async () => {
    const bad = join(root, 'not-an-image.png');
    await writeFile(bad, 'this is text');
    const { stdout } = await run(process.execPath, ['examples/predict.mjs', bad, images[0].path], { cwd: outDir });
    const rows = JSON.parse(stdout) as { path: string; label: string | null; error?: string }[];
    expect(rows.map((r) => [r.path, r.label === null])).toEqual([[bad, true], [images[0].path, false]]);
    expect(rows[0].error).toMatch(/unsupported image format|corrupt|Input/i);
  });

  it.skipIf(!pillow || !pythonOrt)("examples/predict.py, run as the model card prints it, gives probabilities close to the studio's", async () => {
    const some = images.slice(0, 5);
    const { stdout } = await run(python, ['examples/predict.py', ...some.map((i) => i.path)], { cwd: outDir });
    const rows = JSON.parse(stdout) as { path: string; probabilities: Record<string, number> }[];
    expect(rows.map((r) => r.path)).toEqual(some.map((i) => i.path));
    rows.forEach((row, i) => expect(Math.abs(row.probabilities.red - some[i].studio[0])).toBeLessThan(0.05));
  });

  it.skipIf(!pillow || pythonOrt)('examples/predict.py without onnxruntime for Python says how to install it (onnxruntime is absent here)', async () => {
    const failed = await run(python, ['examples/predict.py', images[0].path], { cwd: outDir }).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed?.code).toBe(3);
    expect(failed?.stderr).toMatch(/pip install onnxruntime/);
  });

  it.skipIf(!pillow)("examples/predict.py's Pillow decoding feeds model.onnx probabilities close to the studio's (onnxruntime for Python itself is not installable here)", async () => {
    const decoded = await pythonPixels(outDir, images.map((i) => i.path));
    const session = await ort.InferenceSession.create(join(outDir, 'model.onnx'));
    const batch = new Uint8Array(Buffer.concat(decoded));
    const output = await session.run({ image: new ort.Tensor('uint8', batch, [images.length, 16, 16, 3]) });
    await session.release();
    const probabilities = output.probabilities.data as Float32Array;
    let worst = 0;
    images.forEach((image, i) => {
      for (let c = 0; c < 2; c++) worst = Math.max(worst, Math.abs(probabilities[i * 2 + c] - image.studio[c]));
    });
    // Pillow's bicubic is not libvips's: close, not equal (the card says so).
    expect(worst).toBeLessThan(0.05);
  });

  it.skipIf(!pillow)("examples/predict.py decodes like the studio within a few levels, for every resize rule, EXIF orientation, transparency and grayscale", async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'examples'));
    await copyFile(join(outDir, 'examples', 'predict.py'), join(dir, 'examples', 'predict.py'));
    await copyFile(join(outDir, 'labels.json'), join(dir, 'labels.json'));
    const probes = [
      await writeImage(join(dir, 'photo.jpg'), 'jpeg', { width: 640, height: 480, seed: 3 }),
      await writeImage(join(dir, 'tall.png'), 'png', { width: 50, height: 90, seed: 5 }),
      await writeBytes(join(dir, 'sideways.jpg'), await exifRotatedJpeg({ seed: 9 })),
    ];
    const rules = [
      { resize: 'fill', width: 32, height: 32, channels: 3, cropFraction: 1 },
      { resize: 'cover', width: 224, height: 224, channels: 3, cropFraction: 1 },
      { resize: 'center-crop', width: 224, height: 224, channels: 3, cropFraction: 0.875 },
      { resize: 'fill', width: 28, height: 28, channels: 1, cropFraction: 1 },
      { resize: 'cover', width: 16, height: 16, channels: 3, cropFraction: 1 },
    ] as const;
    for (const rule of rules) {
      await writeFile(join(dir, 'preprocessing.json'), JSON.stringify({ ...rule, onnx: { scope: 'pipeline' } }));
      const fromPython = await pythonPixels(dir, probes);
      for (const [i, path] of probes.entries()) {
        const studio = await imageInput(path, { input: rule, preprocess: rule });
        expect(fromPython[i].length).toBe(studio.length);
        let sum = 0;
        for (let k = 0; k < studio.length; k++) sum += Math.abs(studio[k] - fromPython[i][k]);
        expect(sum / studio.length, `${rule.resize} ${rule.width}×${rule.height}×${rule.channels} ${path}`).toBeLessThan(2.5);
      }
    }
  });
});
