// Where Electron's binary is, without require('electron'): requiring it tries to download
// the binary, which these machines cannot do. Returns null (with the reason) when absent.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export function findElectron() {
  const dir = join(root, 'node_modules', 'electron');
  const pathFile = join(dir, 'path.txt');
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : 'electron';
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const binary = join(process.env.ELECTRON_OVERRIDE_DIST_PATH, name);
    return existsSync(binary) ? { binary } : { binary: null, reason: `ELECTRON_OVERRIDE_DIST_PATH has no ${name}` };
  }
  if (!existsSync(dir)) return { binary: null, reason: 'the electron package is not installed' };
  if (!existsSync(pathFile)) {
    return { binary: null, reason: "Electron's binary was never downloaded (its install script fetches it from outside the npm registry)" };
  }
  const binary = join(dir, 'dist', name);
  return existsSync(binary) ? { binary } : { binary: null, reason: `Electron's binary is missing at ${binary}` };
}
