// Proves the durability tests would catch a missing fsync: removes each fsync, fdatasync and
// directory fsync of the storage layer in turn (the lines tagged `// fsync:<name>`), runs the
// power-loss and full-disk tests, and expects them to fail every time. Restores every file.
//   node scripts/fsyncMutations.mjs            all tagged calls
//   node scripts/fsyncMutations.mjs NAME…      only these tags
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const tests = ['test/electron/services/storage/powerLoss.test.ts', 'test/electron/services/storage/fullDisk.test.ts'];
const wanted = process.argv.slice(2);

const grep = execFileSync('git', ['grep', '-n', '// fsync:', '--', 'electron'], { cwd: root, encoding: 'utf8' });
const sites = grep
  .trim()
  .split('\n')
  .map((row) => {
    const [file, line] = row.split(':');
    const tag = /\/\/ fsync:([\w-]+)/.exec(row)[1];
    return { file, line: Number(line), tag };
  })
  .filter((s) => wanted.length === 0 || wanted.includes(s.tag));

const results = [];
for (const site of sites) {
  const path = resolve(root, site.file);
  const original = readFileSync(path, 'utf8');
  const lines = original.split('\n');
  const mutated = lines[site.line - 1].replace(/await [^;]+;/, 'void 0; /* fsync removed by fsyncMutations */');
  if (mutated === lines[site.line - 1]) throw new Error(`No await to remove at ${site.file}:${site.line}`);
  lines[site.line - 1] = mutated;
  const restore = () => writeFileSync(path, original);
  process.once('SIGINT', restore);
  try {
    writeFileSync(path, lines.join('\n'));
    const run = spawnSync('npx', ['vitest', 'run', ...tests], { cwd: root, encoding: 'utf8' });
    const failed = run.status !== 0;
    const first = /AssertionError: ([^\n]+)/.exec(run.stdout + run.stderr)?.[1]?.slice(0, 140) ?? '';
    results.push({ ...site, caught: failed, first });
    console.log(`${failed ? 'caught ' : 'MISSED '} ${site.tag.padEnd(18)} ${site.file}:${site.line}  ${first}`);
  } finally {
    restore();
    process.removeListener('SIGINT', restore);
  }
}
const missed = results.filter((r) => !r.caught);
console.log(`\n${results.length - missed.length} of ${results.length} removed fsyncs made the durability tests fail.`);
process.exitCode = missed.length ? 1 : 0;
