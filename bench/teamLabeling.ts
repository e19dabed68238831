import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import sharp from 'sharp';
import { WebSocket } from 'ws';
import { Project } from '../electron/services/project/Project';
import { runImport } from '../electron/services/ingest';
import { createStudio, type Studio } from '../electron/services/studio';
import type { RequestName } from '../shared/contract';
import { startStudioServer } from '../electron/server/StudioServer';
import { mulberry32 } from '../shared/domain/mulberry32';
import { percentile, round, type BenchResult } from './types';

/** Distinct small pictures: a seeded block pattern each, scaled up. */
async function writeImages(dir: string, count: number): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (let i = 0; i < count; i++) {
    const random = mulberry32(1000 + i);
    const grid = Buffer.from(Array.from({ length: 6 * 4 * 3 }, () => Math.floor(random() * 256)));
    await sharp(grid, { raw: { width: 6, height: 4, channels: 3 } }).resize(96, 64, { kernel: 'nearest' }).png().toFile(join(dir, `img-${String(i).padStart(4, '0')}.png`));
  }
}

/** One annotator's browser tab, as far as the bridge sees it: a real WebSocket client. */
async function annotatorTab(url: string, name: string) {
  const ws = new WebSocket(url);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  let nextId = 1;
  const pending = new Map<number, (result: { ok: boolean; value?: any; error?: { message: string } }) => void>();
  ws.on('message', (data) => {
    const message = JSON.parse(String(data));
    if (message.type === 'response') {
      pending.get(message.id)?.(message.result);
      pending.delete(message.id);
    }
  });
  const ask = (channel: string, payload: Record<string, unknown>) =>
    new Promise<any>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, (result) => (result.ok ? resolve(result.value) : reject(new Error(`${channel}: ${result.error?.message}`))));
      ws.send(JSON.stringify({ type: 'request', id, channel, payload: { ...payload, annotator: name } }));
    });
  return { ask, close: () => ws.close() };
}

interface TeamRun {
  labelsPerSecond: number;
  ackP50: number;
  ackP95: number;
  /** queue:next (10 images, leased) answered. */
  queueP95: number;
  conflicts: number;
  /** Images handed to more than one annotator. */
  sharedImages: number;
  retrains: number;
}

/**
 * A first model before the clock starts (30 labels, one run), so embeddings are cached and
 * the retrains during the measurement are the loop's usual background ones.
 */
async function warmUp(studio: Studio, classIds: string[]): Promise<void> {
  const call = (channel: RequestName, payload: Record<string, unknown>) => studio.registry.dispatch(channel, payload, { transport: 'cli' });
  await call('loop:update-settings', { autoRetrain: false, retrainEvery: 20, minTestLabelsPerClass: 0, minValLabelsPerClass: 0 });
  const project = studio.host.requireProject();
  const train = project.samples.all.filter((s) => s.split === 'train').slice(0, 30);
  for (const [i, sample] of train.entries()) await call('labels:set', { sampleId: sample.id, classId: classIds[i % classIds.length], annotator: 'warm-up' });
  const finished = new Promise<void>((resolve) => {
    const stop = studio.events.subscribe((channel) => {
      if (channel === 'training:finished') {
        stop();
        resolve();
      }
    });
  });
  const started = await call('training:start', {});
  if (!started.ok) throw new Error(`The warm-up run did not start: ${started.error.message}`);
  await finished;
  await call('loop:update-settings', { autoRetrain: true });
}

/** `people` annotators label `total` images together, as fast as the studio answers, with leases and background retraining. */
async function labelTogether(projectDir: string, work: string, people: number, total: number): Promise<TeamRun> {
  const studio = await createStudio({ mode: 'browser', version: 'bench', configDir: join(work, `config-${people}`) });
  const rendererDir = join(work, 'renderer');
  await mkdir(rendererDir, { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html>');
  await studio.host.open(projectDir);
  const classIds = studio.host.requireProject().doc.classes.map((c) => c.id);
  await warmUp(studio, classIds);
  const server = await startStudioServer({ registry: studio.registry, events: studio.events, images: studio.images, uploads: studio.uploads, rendererDir });
  const runs = new Set<string>();
  const stopCounting = studio.events.subscribe((channel, payload) => {
    if (channel === 'training:progress') runs.add((payload as { runId: string }).runId);
  });
  const handedTo = new Map<string, Set<number>>();
  const latencies: number[] = [];
  const queueLatencies: number[] = [];
  let conflicts = 0;
  let labeled = 0;
  try {
    const tabs = await Promise.all(Array.from({ length: people }, (_, i) => annotatorTab(`${server.bridgeUrl}?token=${server.token}`, `annotator-${i}`)));
    const started = performance.now();
    await Promise.all(
      tabs.map(async (tab, who) => {
        const random = mulberry32(7 + who);
        while (labeled < total) {
          const asked = performance.now();
          const items: { sampleId: string; version?: number }[] = await tab.ask('queue:next', { count: 10 });
          queueLatencies.push(performance.now() - asked);
          if (!items.length) return;
          for (const item of items) {
            if (labeled >= total) break;
            handedTo.set(item.sampleId, (handedTo.get(item.sampleId) ?? new Set()).add(who));
            const t0 = performance.now();
            const decision = await tab.ask('labels:set', { sampleId: item.sampleId, classId: classIds[Math.floor(random() * classIds.length)], seconds: 1, basedOn: item.version });
            latencies.push(performance.now() - t0);
            labeled += 1;
            if (decision.conflict) conflicts += 1;
          }
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    for (const tab of tabs) tab.close();
    return {
      labelsPerSecond: labeled / seconds,
      ackP50: percentile(latencies, 50),
      ackP95: percentile(latencies, 95),
      queueP95: percentile(queueLatencies, 95),
      conflicts,
      sharedImages: [...handedTo.values()].filter((s) => s.size > 1).length,
      retrains: runs.size,
    };
  } finally {
    stopCounting();
    await server.close();
    await studio.dispose();
  }
}

/**
 * Ten annotators labeling one project at once over the bridge (real WebSocket clients,
 * leases, background retraining every 20 labels): labels per second and acknowledgement
 * (label sent → durable answer) p95, next to one annotator labeling the same number of
 * images on a copy of the same project in the same run.
 */
export async function benchTeamLabeling(people = 10, total = 1200, images = 2000): Promise<BenchResult> {
  const work = await mkdtemp(join(tmpdir(), 'bench-team-'));
  try {
    await writeImages(join(work, 'images'), images);
    const project = await Project.create(join(work, 'one'), { classes: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] });
    await runImport(project, { sources: [join(work, 'images')], labelsFrom: 'none' });
    await project.close();
    await cp(join(work, 'one'), join(work, 'team'), { recursive: true });
    const one = await labelTogether(join(work, 'one'), work, 1, total);
    const team = await labelTogether(join(work, 'team'), work, people, total);
    return {
      name: `${people} annotators labeling concurrently over the bridge (${total} labels of ${images} images, leases, background retraining every 20 labels)`,
      figures: {
        labels_per_s: round(team.labelsPerSecond, 1),
        ack_p50_ms: round(team.ackP50),
        ack_p95_ms: round(team.ackP95),
        queue_next_p95_ms: round(team.queueP95),
        images_handed_to_two: team.sharedImages,
        conflicts: team.conflicts,
        retrains: team.retrains,
      },
      reference: { one_annotator_labels_per_s: round(one.labelsPerSecond, 1), one_annotator_ack_p50_ms: round(one.ackP50), one_annotator_ack_p95_ms: round(one.ackP95), one_annotator_queue_next_p95_ms: round(one.queueP95), one_annotator_retrains: one.retrains },
      ratios: { throughput_vs_one: round(team.labelsPerSecond / one.labelsPerSecond), ack_p95_vs_one: round(team.ackP95 / one.ackP95) },
      notes: [
        'Annotators label as fast as the studio answers (no think time): labels/s is the studio’s capacity, not a team’s pace.',
        'retrains: runs the loop started during the measurement (one at a time; labels keep coming meanwhile).',
      ],
    };
  } finally {
    await rm(work, { recursive: true, force: true, maxRetries: 5 });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchTeamLabeling().then((r) => console.log(JSON.stringify(r, null, 2)));
}
