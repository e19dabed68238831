/** Types for scripts/build-wasm.mjs, so tests can check the committed kernels against their source. */
export const kernels: { wat: string; module: string }[];
export function compileKernel(watPath: string): Promise<string>;
