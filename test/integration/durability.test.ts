import { describe, expect, it } from 'vitest';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { Project } from '../../electron/services/project/Project';
import { isDecision } from '../../shared/domain/labelJournal';
import { bridgeUrlFor, serveStudio, type ServedStudio } from '../e2e/harness';
import { fakeSample, tempDir } from '../helpers/tempProject';

interface Acked {
  seq: number;
  sampleId: string;
  classId: string;
}

/**
 * Opens the project in the server, then streams labels over its bridge (8 in flight, as fast
 * typing would) and kills the server once `killAfter` answers have come back, while the next
 * ones are being written; returns what the server acknowledged. Counting answers rather than
 * milliseconds keeps the kill inside the stream however slow a loaded machine makes the server.
 */
async function streamLabels(url: string, dir: string, sampleIds: string[], classIds: string[], killAfter: number, kill: () => Promise<void>): Promise<Acked[]> {
  const ws = new WebSocket(bridgeUrlFor(url));
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const acked: Acked[] = [];
  const sent = new Map<number, { sampleId: string; classId: string }>();
  let id = 0;
  let answers = 0;
  let killed: Promise<void> | null = null;
  let projectOpened: { resolve(): void; reject(error: Error): void };
  const opened = new Promise<void>((resolve, reject) => (projectOpened = { resolve, reject }));
  const sendOne = () => {
    if (killed) return;
    const sampleId = sampleIds[Math.floor(Math.random() * sampleIds.length)];
    const classId = classIds[Math.floor(Math.random() * classIds.length)];
    sent.set(++id, { sampleId, classId });
    ws.send(JSON.stringify({ type: 'request', id, channel: 'labels:set', payload: { sampleId, classId, seconds: 0.5, annotator: 'stream' } }));
  };
  ws.on('message', (data) => {
    const message = JSON.parse(String(data));
    if (message.type !== 'response') return;
    if (message.id === 0) return message.result.ok ? projectOpened.resolve() : projectOpened.reject(new Error(`project:open: ${message.result.error.message}`));
    const request = sent.get(message.id)!;
    if (message.result.ok) acked.push({ seq: message.result.value.seq, ...request });
    if (++answers === killAfter) killed = kill();
    sendOne();
  });
  const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
  ws.once('error', () => undefined);
  ws.send(JSON.stringify({ type: 'request', id: 0, channel: 'project:open', payload: { dir } }));
  await opened; // takes over the dead process's lock at once
  for (let i = 0; i < 8; i++) sendOne();
  await closed;
  await killed;
  return acked;
}

describe('crash safety', () => {
  // Five server starts, each seconds on a loaded machine: the next server loads while this round streams.
  it('every acknowledged label survives the server being killed at random moments, and the project stays intact', { timeout: 240_000 }, async () => {
    const root = await tempDir();
    const dir = join(root, 'project');
    const rendererDir = join(root, 'renderer');
    await mkdir(rendererDir);
    await writeFile(join(rendererDir, 'index.html'), '<!doctype html>');
    const project = await Project.create(dir, { classes: [{ name: 'cat' }, { name: 'dog' }, { name: 'bird' }] });
    await project.samples.add(Array.from({ length: 300 }, (_, i) => fakeSample(i)));
    const sampleIds = project.samples.all.map((s) => s.id);
    const classIds = project.doc.classes.map((c) => c.id);
    await project.close();

    const rounds = 5;
    const started: Promise<ServedStudio>[] = [];
    const serve = () => started[started.push(serveStudio({ env: { STUDIO_RENDERER_DIR: rendererDir } })) - 1];
    const allAcked: Acked[] = [];
    try {
      let next = serve();
      for (let round = 0; round < rounds; round++) {
        const studio = await next;
        if (round + 1 < rounds) next = serve();
        const killAfter = 5 + Math.floor(Math.random() * 60);
        const acked = await streamLabels(studio.url, dir, sampleIds, classIds, killAfter, () => studio.kill('SIGKILL'));
        expect(acked.length, `round ${round} acknowledged labels before the kill`).toBeGreaterThan(0);
        allAcked.push(...acked);

        const reopened = await Project.open(dir); // takes over the dead process's lock at once
        expect(reopened.notices.filter((n) => n.level === 'warning')).toEqual([]);
        const bySeq = new Map(reopened.labels.book.decisions.filter(isDecision).map((d) => [d.seq, d]));
        for (const a of allAcked) {
          const stored = bySeq.get(a.seq);
          expect(stored, `acknowledged decision ${a.seq}`).toBeDefined();
          expect(stored).toMatchObject({ sampleId: a.sampleId, after: { classId: a.classId } });
        }
        await reopened.close();
      }
    } finally {
      await Promise.all(started.map((s) => s.then((studio) => studio.kill('SIGKILL'), () => undefined)));
    }
    expect(allAcked.length).toBeGreaterThan(20);
  });
});
