import { wasmBase64 } from './linearWasm';

/**
 * The slice of the WebAssembly API used here. The Node typings this project builds with
 * leave the namespace out (it comes with the DOM library), so it is declared by hand.
 */
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: object) => { exports: unknown };
}
type WasmModule = { readonly kind?: 'wasm-module' };
const wasm = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

/** The exports of linear.wat; every pointer is a byte offset into `memory`. */
interface LinearExports {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  logits(x: number, rows: number, dp: number, w: number, bias: number, kp: number, out: number): void;
  weightGradient(x: number, rows: number, dp: number, g: number, kp: number, gw: number): void;
  adam(p: number, g: number, m: number, v: number, bytes: number, beta1: number, oneMinusBeta1: number, beta2: number, oneMinusBeta2: number, epsilon: number, stepSize: number, decay: number): void;
  gatherDropout(src: number, dp: number, order: number, rows: number, dst: number, threshold: number, keep: number, seed: number): void;
  sumOfSquares(p: number, bytes: number): number;
}

let compiled: WasmModule | null | undefined;

/** The compiled kernels, or null where this runtime lacks WebAssembly SIMD. Compiled once per process. */
function kernelModule(): WasmModule | null {
  if (compiled === undefined) {
    const bytes = Buffer.from(wasmBase64, 'base64');
    compiled = wasm && wasm.validate(bytes) ? new wasm.Module(bytes) : null;
  }
  return compiled;
}

/** Whether the SIMD kernels can run here (WebAssembly with SIMD: Node 16.4+, Electron 13+). */
export function simdAvailable(): boolean {
  return kernelModule() !== null;
}

/** Rounds up to a multiple of 4: rows and features are padded so every SIMD step is whole. */
export const padTo4 = (n: number): number => Math.ceil(n / 4) * 4;

/** A float buffer inside kernel memory: its byte offset for the kernels and a view for JS. */
export interface KernelBuffer {
  ptr: number;
  view: Float32Array;
}

/**
 * One instance of the kernels with its own memory, sized once for everything its owner
 * (a training run or a head) needs, so views never move. Memory is freed with the instance
 * when its owner drops it.
 */
export class LinearKernels {
  readonly run: LinearExports;
  private next = 0;

  private constructor(instance: { exports: unknown }, private readonly capacity: number) {
    this.run = instance.exports as unknown as LinearExports;
  }

  /** Kernels with room for buffers of these float counts (each 16-byte aligned). */
  static create(floatCounts: number[]): LinearKernels {
    const module = kernelModule();
    if (!module) throw new Error('WebAssembly SIMD is not available in this runtime');
    const bytes = floatCounts.reduce((sum, n) => sum + padTo4(n) * 4, 0);
    const kernels = new LinearKernels(new wasm!.Instance(module, {}), bytes);
    const pages = Math.ceil(bytes / 65536) - kernels.run.memory.buffer.byteLength / 65536;
    if (pages > 0) kernels.run.memory.grow(pages);
    return kernels;
  }

  /** A zeroed buffer of `floats` floats (as declared to `create`). */
  alloc(floats: number): KernelBuffer {
    const ptr = this.next;
    this.next += padTo4(floats) * 4;
    if (this.next > this.capacity) throw new Error('Kernel memory overrun: a buffer was not declared to LinearKernels.create');
    return { ptr, view: new Float32Array(this.run.memory.buffer, ptr, floats) };
  }

  /** An int32 view of a buffer (row orders). */
  ints(buffer: KernelBuffer): Int32Array {
    return new Int32Array(this.run.memory.buffer, buffer.ptr, buffer.view.length);
  }
}

/**
 * Copies `rows` rows of `dim` floats into a buffer whose rows are `dp` floats (zero padding),
 * reading from row `from` of `x`.
 */
export function copyRows(x: Float32Array, from: number, rows: number, dim: number, target: Float32Array, dp: number): void {
  if (dp === dim) {
    target.set(x.subarray(from * dim, (from + rows) * dim));
    return;
  }
  for (let r = 0; r < rows; r++) target.set(x.subarray((from + r) * dim, (from + r + 1) * dim), r * dp);
}

/** A `dim × k` kernel (row-major) as `kp` rows of `dp` floats (its transpose, zero padded). */
export function transposeKernel(kernel: Float32Array, dim: number, k: number, target: Float32Array, dp: number): void {
  for (let d = 0; d < dim; d++) for (let c = 0; c < k; c++) target[c * dp + d] = kernel[d * k + c];
}

/** The inverse of `transposeKernel`. */
export function untransposeKernel(source: Float32Array, dim: number, k: number, dp: number): Float32Array {
  const kernel = new Float32Array(dim * k);
  for (let d = 0; d < dim; d++) for (let c = 0; c < k; c++) kernel[d * k + c] = source[c * dp + d];
  return kernel;
}
