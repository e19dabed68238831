/**
 * `examples/predict.mjs` of an export: onnxruntime-node and sharp, decoding exactly as the
 * studio does (same sharp calls as `decodePixels`), so its probabilities are the studio's.
 * Kept free of template literals so it can live in this string as written.
 */
export const predictMjs = String.raw`#!/usr/bin/env node
// Class probabilities from this exported model (model.onnx), decoding images exactly as the
// studio does. From the export folder:
//   npm install onnxruntime-node sharp
//   node examples/predict.mjs photo.jpg [more.jpg ...]
// Prints JSON: [{ "path", "label", "probability", "probabilities": { "<class>": p } }]
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// Loaded here rather than imported, so a missing package gets a message that says what to do.
const [ort, sharp] = await Promise.all([import('onnxruntime-node'), import('sharp').then((m) => m.default)]).catch((error) => {
  console.error('predict.mjs needs onnxruntime-node and sharp: run "npm install onnxruntime-node sharp" in this folder. (' + error.message + ')');
  process.exit(3);
});

const folder = join(dirname(fileURLToPath(import.meta.url)), '..');
const prep = JSON.parse(readFileSync(join(folder, 'preprocessing.json'), 'utf8'));
const labels = JSON.parse(readFileSync(join(folder, 'labels.json'), 'utf8'));

// EXIF orientation, white behind transparency, the studio's resize (bicubic), sRGB or grayscale.
async function pixels(path) {
  const { width, height, channels, resize, cropFraction } = prep;
  let image = sharp(path, { failOn: 'error' }).rotate().flatten({ background: '#ffffff' });
  if (resize === 'fill') {
    image = image.resize(width, height, { fit: 'fill', kernel: 'cubic' });
  } else if (resize === 'cover' || cropFraction >= 1) {
    image = image.resize(width, height, { fit: 'cover', kernel: 'cubic' });
  } else {
    const bigW = Math.round(width / cropFraction);
    const bigH = Math.round(height / cropFraction);
    const left = Math.floor((bigW - width) / 2);
    const top = Math.floor((bigH - height) / 2);
    image = image.resize(bigW, bigH, { fit: 'cover', kernel: 'cubic' }).extract({ left, top, width, height });
  }
  image = channels === 1 ? image.grayscale() : image.toColourspace('srgb');
  const { data, info } = await image.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  // A grayscale picture feeding an RGB model repeats its one channel.
  const out = new Uint8Array(width * height * channels);
  for (let p = 0; p < width * height; p++) {
    for (let c = 0; c < channels; c++) out[p * channels + c] = data[p * info.channels + Math.min(c, info.channels - 1)];
  }
  return out;
}

const paths = process.argv.slice(2);
if (paths.length === 0) {
  console.error('Usage: node examples/predict.mjs IMAGE [IMAGE...]');
  process.exit(2);
}
if (prep.onnx.scope !== 'pipeline') {
  console.error('This model.onnx is the head alone: it takes the backbone\'s embeddings, not images (see model-card.md).');
  process.exit(2);
}
const session = await ort.InferenceSession.create(join(folder, prep.onnx.path));
const size = prep.width * prep.height * prep.channels;
const results = [];
for (let from = 0; from < paths.length; from += 32) {
  const decoded = [];
  for (const path of paths.slice(from, from + 32)) {
    // An unreadable image gets an error row; the others still predict.
    try {
      decoded.push({ path, pixels: await pixels(path) });
    } catch (error) {
      results.push({ path: resolve(path), label: null, probability: null, probabilities: {}, error: error.message });
    }
  }
  if (decoded.length === 0) continue;
  const batch = new Uint8Array(decoded.length * size);
  decoded.forEach((d, i) => batch.set(d.pixels, i * size));
  const input = new ort.Tensor('uint8', batch, [decoded.length, prep.height, prep.width, prep.channels]);
  const output = await session.run({ [prep.onnx.input]: input });
  const probabilities = output[session.outputNames[0]].data;
  decoded.forEach(({ path }, i) => {
    const row = Array.from(probabilities.subarray(i * labels.length, (i + 1) * labels.length));
    const best = row.indexOf(Math.max(...row));
    results.push({ path: resolve(path), label: labels[best], probability: row[best], probabilities: Object.fromEntries(labels.map((name, c) => [name, row[c]])) });
  });
}
const order = new Map(paths.map((p, i) => [resolve(p), i]));
results.sort((a, b) => order.get(a.path) - order.get(b.path));
console.log(JSON.stringify(results, null, 2));
`;
