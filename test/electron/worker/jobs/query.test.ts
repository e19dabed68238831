import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StudioError } from '../../../../shared/contract/channel';
import type { JobOf, JobProgress } from '../../../../shared/ml/messages';
import { pixelsCard } from '../../../../shared/ml/pixels';
import { MlWorker } from '../../../../electron/services/ml/MlWorker';
import { ModelCatalog } from '../../../../electron/services/ml/models/ModelCatalog';
import { RunService } from '../../../../electron/services/ml/RunService';
import { getProbabilities } from '../../../../electron/services/ml/probabilities';
import { tempDir } from '../../../helpers/tempProject';
import { classImage, mlProject, sampleFor, type MlProject } from '../../services/ml/mlFixtures';

// The worker's query job through the real worker process (one for the whole file).

const backboneId = 'pixels-8x8-rgb';
const backbone = { card: pixelsCard(backboneId)!, modelPath: null };
let worker: MlWorker;
beforeAll(() => {
  worker = new MlWorker({ onLog: () => undefined });
});
afterAll(() => worker.dispose());

function queryJob(fixture: MlProject, change: Partial<JobOf<'query'>>): JobOf<'query'> {
  const { project } = fixture;
  const unlabeled = project.samples.all.filter((s) => project.labels.stateOf(s.id).classId === null).map((s) => s.id);
  const labeled = project.samples.all.filter((s) => project.labels.stateOf(s.id).classId !== null).map((s) => s.id);
  return {
    kind: 'query',
    projectDir: fixture.dir,
    strategy: 'cold-start',
    n: 4,
    candidateIds: unlabeled,
    labeledIds: labeled,
    backbone,
    runId: null,
    classNames: Object.fromEntries(project.doc.classes.map((c) => [c.id, c.name])),
    seed: 7,
    ...change,
  };
}

async function trained(fixture: MlProject): Promise<string> {
  const runs = new RunService({ worker, catalog: new ModelCatalog({ cacheDir: await tempDir('studio-cache-') }) });
  const record = await (await runs.start(fixture.project, { backboneId })).done;
  expect(record.status).toBe('succeeded');
  return record.id;
}

describe('the query job', () => {
  it('before any model, cold start picks typical samples of the pool, embedding what is missing, with progress', async () => {
    const fixture = await mlProject({ perClass: 10, label: false });
    const progress: JobProgress[] = [];
    const report = await worker.run(queryJob(fixture, {}), { onProgress: (p) => progress.push(p) });
    expect(report.strategy).toBe('cold-start');
    expect(report.picks).toHaveLength(4);
    expect(new Set(report.picks.map((p) => p.sampleId)).size).toBe(4);
    for (const pick of report.picks) expect(pick.note).toMatch(/^typical of a cluster of about \d+ samples$/);
    expect(report.picks.map((p) => p.score)).toEqual([...report.picks.map((p) => p.score)].sort((a, b) => b - a));
    expect(report.embedding).toMatchObject({ computed: 20, failed: 0 });
    expect(progress.some((p) => p.phase === 'embedding' && p.done === p.total)).toBe(true);

    const again = await worker.run(queryJob(fixture, {}));
    expect(again.embedding).toMatchObject({ computed: 0, cached: 20 });
    expect(again.picks).toEqual(report.picks);
    await fixture.project.close();
  });

  it('with a model, margin picks the candidates the run is least sure about, highest score first, saying between which classes', async () => {
    const fixture = await mlProject({ perClass: 10 });
    const runId = await trained(fixture);
    const report = await worker.run(queryJob(fixture, { strategy: 'margin', runId, n: 3 }));
    const probabilities = (await getProbabilities(fixture.project, runId))!;
    const candidates = queryJob(fixture, {}).candidateIds;
    const margin = (id: string) => {
      const [a, b] = [...probabilities.row(id)!].sort((x, y) => y - x);
      return 1 - (a - b);
    };
    const expected = [...candidates].sort((x, y) => margin(y) - margin(x)).slice(0, 3);
    expect(report.picks.map((p) => p.sampleId)).toEqual(expected);
    expect(report.picks[0].score).toBeCloseTo(margin(expected[0]), 5);
    expect(report.picks[0].note).toMatch(/^margin \d\.\d\d between (red and blue|blue and red)$/);
    expect(report.embedding).toBeNull(); // margin reads probabilities only
    await fixture.project.close();
  });

  it("BALD draws MC-dropout passes from the run's saved head and leaves no tensor behind", async () => {
    const fixture = await mlProject({ perClass: 8 });
    const runId = await trained(fixture);
    await worker.run(queryJob(fixture, { strategy: 'bald', runId, n: 3 })); // burn-in
    const before = await worker.run({ kind: 'memory' });
    const report = await worker.run(queryJob(fixture, { strategy: 'bald', runId, n: 3 }));
    expect(report.picks).toHaveLength(3);
    for (const pick of report.picks) expect(pick.note).toMatch(/^BALD \d\.\d{3}: dropout passes disagree/);
    expect((await worker.run({ kind: 'memory' })).numTensors).toBe(before.numTensors);
    await fixture.project.close();
  });

  it('a sample imported after the run is scored by the run’s head instead of being left out', async () => {
    const fixture = await mlProject({ perClass: 8 });
    const runId = await trained(fixture);
    const late = await sampleFor(await classImage(join(fixture.dir, '..', 'late.png'), 0, 999), 'train', 900);
    await fixture.project.samples.add([late]);
    const report = await worker.run(queryJob(fixture, { strategy: 'margin', runId, n: 100 }));
    expect(report.leftOut).toEqual([]);
    expect(report.picks.map((p) => p.sampleId)).toContain(late.id);
    expect(report.scored).toBe(queryJob(fixture, {}).candidateIds.length);
    await fixture.project.close();
  });

  it('an unreadable image and an unknown id are left out with the reason, and the rest still get picked', async () => {
    const fixture = await mlProject({ perClass: 6, label: false });
    const broken = fixture.samples[0];
    await writeFile(broken.path, Buffer.from('not a png'));
    const report = await worker.run(queryJob(fixture, { candidateIds: [...queryJob(fixture, {}).candidateIds, 'no-such-sample'] }));
    expect(report.leftOut).toEqual(expect.arrayContaining([{ reason: 'not in the project', count: 1 }, { reason: 'image could not be read', count: 1 }]));
    expect(report.picks.map((p) => p.sampleId)).not.toContain(broken.id);
    expect(report.picks).toHaveLength(4);
    await fixture.project.close();
  });

  it('refuses clearly: a strategy that needs a model before there is one, and a strategy that does not exist', async () => {
    const fixture = await mlProject({ perClass: 4, label: false });
    const noModel = await worker.run(queryJob(fixture, { strategy: 'hybrid' })).catch((e: StudioError) => e);
    expect(noModel).toMatchObject({ code: 'unsupported', message: expect.stringMatching(/"hybrid" strategy needs a trained model/), hint: expect.stringMatching(/cold-start/) });
    const unknown = await worker.run(queryJob(fixture, { strategy: 'psychic' })).catch((e: StudioError) => e);
    expect(unknown).toMatchObject({ code: 'invalid-request', hint: expect.stringMatching(/Known strategies: .*margin/) });
    await fixture.project.close();
  });

  it('cancelling while it embeds stops the query with a cancelled error; the embeddings so far are kept', async () => {
    const fixture = await mlProject({ perClass: 30, label: false });
    const controller = new AbortController();
    const job = queryJob(fixture, { batchSize: 2 });
    const error = await worker
      .run(job, { signal: controller.signal, onProgress: (p) => p.phase === 'embedding' && p.done >= 4 && controller.abort() })
      .catch((e: StudioError) => e);
    expect(error).toBeInstanceOf(StudioError);
    expect((error as StudioError).code).toBe('cancelled');
    const next = await worker.run(job);
    expect(next.embedding!.cached).toBeGreaterThanOrEqual(4);
    await fixture.project.close();
  });
});
