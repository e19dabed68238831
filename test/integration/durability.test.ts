import { describe, expect, it } from 'vitest';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { Project } from '../../electron/services/project/Project';
import { isDecision } from '../../shared/domain/labelJournal';
import { bridgeUrlFor, serveStudio } from '../e2e/harness';
import { fakeSample, tempDir } from '../helpers/tempProject';

interface Acked {
  seq: number;
  sampleId: string;
  classId: string;
}

/** Streams labels over the bridge until the socket dies; returns what the server acknowledged. */
async function streamLabels(url: string, port: number, sampleIds: string[], classIds: string[], killAfterMs: number, kill: () => Promise<void>): Promise<Acked[]> {
  const ws = new WebSocket(bridgeUrlFor(url));
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const acked: Acked[] = [];
  const sent = new Map<number, { sampleId: string; classId: string }>();
  let id = 0;
  let open = true;
  const sendOne = () => {
    if (!open) return;
    const sampleId = sampleIds[Math.floor(Math.random() * sampleIds.length)];
    const classId = classIds[Math.floor(Math.random() * classIds.length)];
    sent.set(++id, { sampleId, classId });
    ws.send(JSON.stringify({ type: 'request', id, channel: 'labels:set', payload: { sampleId, classId, seconds: 0.5, annotator: 'stream' } }));
  };
  ws.on('message', (data) => {
    const message = JSON.parse(String(data));
    if (message.type !== 'response') return;
    const request = sent.get(message.id)!;
    if (message.result.ok) acked.push({ seq: message.result.value.seq, ...request });
    sendOne();
  });
  const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
  ws.once('error', () => undefined);
  for (let i = 0; i < 8; i++) sendOne(); // keep 8 labels in flight, as fast typing would
  await new Promise((r) => setTimeout(r, killAfterMs));
  await kill();
  open = false;
  await closed;
  return acked;
}

describe('crash safety', () => {
  // Five server starts: each takes seconds on a loaded machine.
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

    const allAcked: Acked[] = [];
    for (let round = 0; round < 5; round++) {
      const studio = await serveStudio({ project: dir, env: { STUDIO_RENDERER_DIR: rendererDir } });
      const killAfter = 150 + Math.floor(Math.random() * 600);
      const acked = await streamLabels(studio.url, studio.port, sampleIds, classIds, killAfter, () => studio.kill('SIGKILL'));
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
    expect(allAcked.length).toBeGreaterThan(20);
  });
});
