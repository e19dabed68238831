import * as tf from '@tensorflow/tfjs';
import { seededRandom, shuffledIndices, type SeededRandom } from '../acquisition/seededRandom';
import { CentredRowBlocks } from './rowBlocks';
import { symmetricEigen } from './symmetricEigen';

/** Rows projected on the leading principal axes of the embeddings. */
export interface Projection {
  /** `count × components`, row-major: the centred rows times orthonormal axes. */
  coordinates: Float32Array;
  count: number;
  components: number;
  /** Share of the total variance each axis keeps, largest first. */
  explained: number[];
}

export interface PcaOptions {
  seed?: number;
  signal?: AbortSignal;
  onProgress?(done: number, total: number): void;
  /** The axes are fitted on at most this many rows (a seeded random sample); every row is projected. */
  fitRows?: number;
}

/** Subspace iterations: two are enough for a map and a pre-filter; each costs two passes. */
const POWER_ITERATIONS = 2;
/** Ten thousand rows pin the leading axes of 1,280-d embeddings down closely enough for a map. */
const FIT_ROWS = 10_000;

/**
 * Randomized PCA (Halko, Martinsson, Tropp 2011) over blocks of rows: a Gaussian sketch of
 * the centred rows, two subspace iterations, then the exact eigen-decomposition of the small
 * projected problem. On a big pool the axes are fitted on a random sample of 10,000 rows and
 * every row is then projected in one more pass, so 50,000 × 1,280 embeddings take about as
 * long as 17,000 would, with progress and cancel after every block. The axes are
 * orthonormal and the coordinates are the centred rows times them, so a distance between
 * coordinates never exceeds the distance between the rows (the duplicate search relies on
 * it), and `explained` is the share of all rows' variance each axis keeps.
 */
export async function principalComponents(x: Float32Array, count: number, dim: number, wanted: number, options: PcaOptions = {}): Promise<Projection> {
  const components = Math.max(1, Math.min(wanted, dim, count));
  const random = seededRandom(options.seed ?? 1);
  const sample = sampleRows(x, count, dim, options.fitRows ?? FIT_ROWS, random);
  const sketch = Math.min(components + 10, dim, sample.count);
  const work = (2 + 2 * POWER_ITERATIONS) * sample.count + count; // the sketch, the iterations, B, then the projection
  let done = 0;
  const onRows = (rows: number) => options.onProgress?.((done += rows), work);
  const fit = new CentredRowBlocks(sample.x, sample.count, dim, { signal: options.signal, onRows });
  const axes = await fitAxes(fit, components, sketch, random);
  const all = sample.x === x ? fit : new CentredRowBlocks(x, count, dim, { signal: options.signal, onRows });
  const coordinates = await all.times(axes, components);
  const kept = new Float64Array(components);
  for (let i = 0; i < coordinates.length; i++) kept[i % components] += coordinates[i] * coordinates[i];
  const explained = Array.from(kept, (v) => (all.totalSquares > 0 ? v / all.totalSquares : 0));
  return { coordinates, count, components, explained };
}

/** The leading `components` axes (`dim × components`, orthonormal columns) of the rows. */
async function fitAxes(rows: CentredRowBlocks, components: number, sketch: number, random: SeededRandom): Promise<Float32Array> {
  const { count, dim } = rows;
  let y = await rows.times(Float32Array.from({ length: dim * sketch }, () => random.normal()), sketch);
  for (let iteration = 0; iteration < POWER_ITERATIONS; iteration++) {
    const z = await rows.transposeTimes(orthonormal(y, count, sketch), sketch); // sketch × dim
    y = await rows.times(transpose(z, sketch, dim), sketch);
  }
  const b = await rows.transposeTimes(orthonormal(y, count, sketch), sketch); // B = QᵀXc, sketch × dim
  const { values, vectors } = symmetricEigen(gramOfRows(b, sketch, dim), sketch);
  const axes = new Float32Array(dim * components); // V = Bᵀ·U·Σ⁻¹
  for (let a = 0; a < components; a++) {
    const sigma = Math.sqrt(Math.max(values[a], 0));
    if (sigma < 1e-12 * Math.sqrt(Math.max(values[0], 0))) continue; // a direction the rows do not span
    for (let r = 0; r < sketch; r++) {
      const u = vectors[r * sketch + a] / sigma;
      for (let c = 0; c < dim; c++) axes[c * components + a] += b[r * dim + c] * u;
    }
  }
  return axes;
}

/** All rows when there are few; otherwise a seeded random sample of `limit` of them, in order. */
function sampleRows(x: Float32Array, count: number, dim: number, limit: number, random: SeededRandom): { x: Float32Array; count: number } {
  if (count <= limit) return { x: x.subarray(0, count * dim), count };
  const chosen = shuffledIndices(count, random).subarray(0, limit).sort();
  const out = new Float32Array(limit * dim);
  chosen.forEach((row, i) => out.set(x.subarray(row * dim, (row + 1) * dim), i * dim));
  return { x: out, count: limit };
}

/** Columns of a tall `count × width` matrix made orthonormal: Y·V·S^(-1/2) from the eigen-decomposition of YᵀY. */
function orthonormal(y: Float32Array, count: number, width: number): Float32Array {
  // The tidy returns a tensor, never the typed array: TF.js would walk every element of it.
  const result = tf.tidy(() => {
    const tall = tf.tensor2d(y, [count, width]);
    const gram = Float64Array.from(tf.matMul(tf.transpose(tall), tall).dataSync());
    const { values, vectors } = symmetricEigen(gram, width);
    const floor = (values[0] || 1) * 1e-12;
    const scale = new Float32Array(width * width);
    for (let i = 0; i < width; i++) for (let j = 0; j < width; j++) scale[i * width + j] = vectors[i * width + j] / Math.sqrt(Math.max(values[j], floor));
    return tf.matMul(tall, tf.tensor2d(scale, [width, width]));
  });
  const q = result.dataSync() as Float32Array;
  result.dispose();
  return q;
}

/** B·Bᵀ of a short `rows × dim` matrix, in float64 for the eigen-decomposition. */
function gramOfRows(b: Float32Array, rows: number, dim: number): Float64Array {
  const gram = new Float64Array(rows * rows);
  for (let i = 0; i < rows; i++) {
    for (let j = i; j < rows; j++) {
      let s = 0;
      for (let c = 0; c < dim; c++) s += b[i * dim + c] * b[j * dim + c];
      gram[i * rows + j] = gram[j * rows + i] = s;
    }
  }
  return gram;
}

function transpose(m: Float32Array, rows: number, columns: number): Float32Array {
  const out = new Float32Array(rows * columns);
  for (let r = 0; r < rows; r++) for (let c = 0; c < columns; c++) out[c * rows + r] = m[r * columns + c];
  return out;
}
