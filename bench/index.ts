import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { benchImport } from './importThroughput';
import { benchKeypressToPaint } from './keypressToPaint';
import { benchLabelCommit } from './labelCommit';
import { benchEmbedding } from './embedding';
import { benchTraining } from './training';
import { benchHeads } from './heads';
import { benchExport } from './export';
import { benchFineTune } from './fineTune';
import { benchDemoSuggestions } from './demoSuggestions';
import { benchLabelNoise } from './dataQuality';
import { benchMapProjection, benchMapPanning } from './embeddingMap';
import { benchTeamLabeling } from './teamLabeling';
import type { BenchResult } from './types';

/**
 * `npm run bench`: every speed and memory target, each printed next to a reference measured
 * in the same run, so the ratios mean something on any machine. Results are also written to
 * bench/results/<timestamp>.json. `npm run bench -- import labels` runs a subset.
 * The active-learning benchmark is separate: `npm run bench:al`; so is the full fine-tuning
 * study: `npm run bench:finetune`.
 */
const benches: Record<string, () => Promise<BenchResult>> = {
  import: () => benchImport(),
  keys: () => benchKeypressToPaint(),
  labels: () => benchLabelCommit(),
  embedding: () => benchEmbedding(),
  training: () => benchTraining(),
  heads: () => benchHeads(),
  export: () => benchExport(),
  finetune: () => benchFineTune(),
  demo: () => benchDemoSuggestions(),
  'label-noise': () => benchLabelNoise(),
  'map-projection': () => benchMapProjection(),
  'map-panning': () => benchMapPanning(),
  team: () => benchTeamLabeling(),
};

async function main(): Promise<void> {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const unknown = wanted.filter((w) => !(w in benches));
  if (unknown.length) {
    console.error(`Unknown benchmark(s): ${unknown.join(', ')}. Known: ${Object.keys(benches).join(', ')}.`);
    process.exit(2);
  }
  const results: BenchResult[] = [];
  for (const [name, run] of Object.entries(benches)) {
    if (wanted.length && !wanted.includes(name)) continue;
    console.error(`\n▶ ${name}…`);
    const started = Date.now();
    try {
      const result = await run();
      results.push(result);
      console.log(format(result));
      console.error(`  (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    } catch (error) {
      console.error(`✗ ${name} failed: ${(error as Error).stack ?? error}`);
      process.exitCode = 1;
    }
  }
  const dir = resolve(import.meta.dirname, 'results');
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  await writeFile(file, JSON.stringify({ node: process.version, platform: `${process.platform} ${process.arch}`, results }, null, 2));
  console.error(`\nResults written to ${file}`);
}

function format(result: BenchResult): string {
  const lines = [`\n${result.name}`];
  const row = (label: string, values?: Record<string, number>) => {
    if (!values) return;
    for (const [key, value] of Object.entries(values)) lines.push(`  ${label.padEnd(10)} ${key.padEnd(44)} ${value}`);
  };
  row('figure', result.figures);
  row('reference', result.reference);
  row('ratio', result.ratios);
  for (const note of result.notes ?? []) lines.push(`  note: ${note}`);
  return lines.join('\n');
}

void main();
