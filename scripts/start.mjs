// `npm start`: the studio in Electron where its binary is installed; otherwise browser mode,
// with a notice saying why and the URL (opening the default browser when there is one).
// On first start the studio offers a demo project that needs no download.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectron } from './electronBinary.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = (command, args) => {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

console.log('Building the studio…');
run('npx', ['electron-vite', 'build']);

const { binary: electron, reason } = findElectron();
if (electron && process.env.STUDIO_BROWSER !== '1') {
  const child = spawn(electron, ['.'], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(
    electron
      ? '\nSTUDIO_BROWSER=1: starting in browser mode.'
      : `\nThe desktop window cannot start here: ${reason}.\n` +
          'So the studio starts in browser mode: the same app, served on 127.0.0.1 with a private token.\n' +
          'To get the desktop window: `npx install-electron` (or `npm rebuild electron`) where downloads are allowed.\n',
  );
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'electron/cli/index.ts'), 'serve', '--open'], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
  process.on('SIGINT', () => child.kill('SIGINT'));
}
