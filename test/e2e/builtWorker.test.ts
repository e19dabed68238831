import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { MlWorker } from '../../electron/services/ml/MlWorker';

const builtWorker = resolve(import.meta.dirname, '../../out/main/worker.js');

describe('the built app', () => {
  // The desktop app forks out/main/worker.js, the bundle, not the sources the other tests run:
  // a bundling mistake there (a clashing `require` shim, say) would leave the app without a model.
  it('starts the bundled ML worker, which reports its backend and whether fine-tuning is possible', async () => {
    expect(existsSync(builtWorker), 'run `npm run build` first').toBe(true);
    const worker = new MlWorker({ entry: builtWorker, onLog: () => undefined });
    try {
      const capabilities = await worker.run({ kind: 'capabilities' });
      expect(capabilities.backend.name).toMatch(/^(tensorflow-gpu|tensorflow|wasm|cpu)$/);
      // The built-in network fine-tunes on every backend.
      expect(capabilities.fineTune).toMatchObject({ available: true });
    } finally {
      await worker.dispose();
    }
  });
});
