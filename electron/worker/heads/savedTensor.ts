import type { SavedTensor } from './types';

/** Float32 data ↔ base64 (exact, and about 4× smaller than a JSON number list). */
export function encodeTensor(data: Float32Array, shape: number[]): SavedTensor {
  return { shape: [...shape], data: Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64') };
}

export function decodeTensor(saved: SavedTensor, expectedShape: number[], what: string): Float32Array {
  const bytes = Buffer.from(saved.data, 'base64');
  const size = expectedShape.reduce((a, b) => a * b, 1);
  const shapeMatches = saved.shape.length === expectedShape.length && saved.shape.every((d, i) => d === expectedShape[i]);
  if (!shapeMatches || bytes.byteLength !== size * 4) {
    throw new Error(`${what} should have shape [${expectedShape.join(', ')}] but holds [${saved.shape.join(', ')}] (${bytes.byteLength} bytes)`);
  }
  const out = new Float32Array(size);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}
