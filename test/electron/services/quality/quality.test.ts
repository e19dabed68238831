import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loopStudio, type LoopStudio } from '../loop/loopStudio';
import { plantedProject, type PlantedProject } from './qualityFixtures';

// The data checks as a user meets them: after a run, the planted wrong labels are listed
// worst first, a kept label stays kept (across a reopen) until its evidence changes, the
// near-copy in another split is flagged as a leak, the odd image is an outlier, and the
// embedding map has a point per image.

let studio: LoopStudio;
let made = 0;
beforeAll(async () => {
  studio = await loopStudio();
});
afterEach(() => studio.call('project:close', {}).catch(() => undefined));
afterAll(() => studio.close());

async function openPlanted(options: Parameters<typeof plantedProject>[1] = {}): Promise<PlantedProject> {
  const fixture = await plantedProject(`${studio.root}/planted-${made++}`, options);
  await studio.call('project:open', { dir: fixture.dir });
  await studio.call('loop:update-settings', { autoRetrain: false });
  return fixture;
}

async function trainAndCheck(): Promise<void> {
  const checked = studio.next('quality:changed', (p) => p.what.includes('report'), 120_000);
  const mapped = studio.next('quality:progress', (p) => p.state !== 'running' && p.mapMethod === 'umap', 180_000);
  await studio.call('training:start', {});
  await checked;
  await mapped;
}

describe('data checks after a run', () => {
  it('finds most planted wrong labels, worst first, and explains each', async () => {
    const fixture = await openPlanted({ flips: 8 });
    await trainAndCheck();
    const overview = await studio.call('quality:overview', {});
    expect(overview.checked).toBe(100);
    const found = overview.suspects.map((s) => s.sampleId);
    const hits = found.filter((id) => fixture.flipped.includes(id));
    expect(hits.length).toBeGreaterThanOrEqual(6); // most of the 8
    expect(hits.length / found.length).toBeGreaterThanOrEqual(0.7);
    const classes = studio.host.requireProject().doc.classes;
    for (const suspect of overview.suspects.filter((s) => fixture.flipped.includes(s.sampleId))) {
      expect(suspect.suggested).toBe(classes[fixture.truth.get(suspect.sampleId)!].id);
      expect(suspect.selfConfidence).toBeLessThan(suspect.threshold);
    }
    const scores = overview.suspects.map((s) => s.selfConfidence);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
  });

  it('a kept label is not asked again, even after a reopen; a relabel fixes the label', async () => {
    const fixture = await openPlanted({ flips: 6, seed: 9 });
    await trainAndCheck();
    const first = await studio.call('quality:review-next', { count: 10 });
    expect(first.items.length).toBeGreaterThanOrEqual(2);
    const [keep, fix] = first.items;
    await studio.call('quality:review', { sampleId: keep.sampleId, action: 'keep' });
    const relabel = await studio.call('quality:review', { sampleId: fix.sampleId, action: 'relabel', classId: fix.suggested });
    expect(relabel.label?.after.classId).toBe(fix.suggested);
    // Suspects are picked by the model's disagreement: a label changed here is marked so, and a
    // test label changed here counts among the test labels chosen by the model.
    expect(relabel.label?.via).toBe('suspected-labels');
    expect((await studio.loop.session()).scorer.chosenByModel().has(fix.sampleId)).toBe(true);
    const fixSplit = (await studio.call('samples:get', { id: fix.sampleId })).sample.split;
    expect((await studio.call('evaluate:report', {})).testLabelsChosenByModel).toBe(fixSplit === 'test' ? 1 : 0);

    await studio.call('project:close', {});
    await studio.call('project:open', { dir: fixture.dir });
    const after = await studio.call('quality:review-next', { count: 10 });
    expect(after.items.map((i) => i.sampleId)).not.toContain(keep.sampleId);
    expect(after.items.map((i) => i.sampleId)).not.toContain(fix.sampleId);
    expect(after.remaining).toBe(first.remaining - 2);
    const row = await studio.call('samples:get', { id: fix.sampleId });
    expect(row.sample.label.classId).toBe(fix.suggested);
    const overview = await studio.call('quality:overview', {});
    expect(overview.reviewed).toBeGreaterThanOrEqual(2);
  });

  it('flags the near-copy in another split as a leak and the odd image as an outlier; the gallery filters list them', async () => {
    const fixture = await openPlanted({ flips: 4 });
    // Before any run, the difference hash already groups the near-copy with its original.
    const before = await studio.call('quality:overview', {});
    const byHash = before.duplicateGroups.find((g) => g.members.some((m) => m.id === fixture.nearCopy));
    expect(byHash).toMatchObject({ source: 'dhash', straddles: true });

    await trainAndCheck();
    const overview = await studio.call('quality:overview', {});
    const group = overview.duplicateGroups.find((g) => g.members.some((m) => m.id === fixture.nearCopy));
    expect(group).toMatchObject({ source: 'embedding', kind: 'near', straddles: true });
    expect(group!.members.map((m) => m.id).sort()).toEqual([fixture.nearOriginal, fixture.nearCopy].sort());
    expect(group!.leakyTestIds).toHaveLength(1);
    expect(overview.notices.join(' ')).toMatch(/left out of the test figures/);
    expect(overview.outliers[0]?.sampleId).toBe(fixture.oddOne);
    // The next round's test figures leave the leaky test image out, and say so.
    const { runId } = await studio.call('training:start', {});
    await studio.next('quality:progress', (p) => p.reportRunId === runId && p.state === 'idle', 180_000);
    const rounds = await studio.call('loop:rounds', {});
    const leaky = new Set(overview.duplicateGroups.flatMap((g) => g.leakyTestIds));
    expect(leaky.size).toBeGreaterThanOrEqual(1);
    const labeledLeaky = async () => {
      let n = 0;
      for (const id of leaky) if ((await studio.call('samples:get', { id })).sample.label.classId !== null) n += 1;
      return n;
    };
    expect(rounds.at(-1)!.test!.leakyExcluded ?? 0).toBe(await labeledLeaky());
    // Labeled, the near-copy in test stays out of the re-scored rounds and the headline figures, counted.
    const original = (await studio.call('samples:get', { id: fixture.nearOriginal })).sample.label.classId!;
    await studio.call('labels:set', { sampleId: fixture.nearCopy, classId: original, seconds: 1 });
    const report = await studio.call('evaluate:report', {});
    const excluded = await labeledLeaky();
    expect(excluded).toBeGreaterThanOrEqual(1);
    expect(report.test!.leakyExcluded).toBe(excluded);
    expect(report.rounds.at(-1)!.test!.leakyExcluded).toBe(excluded);
    const project = studio.host.requireProject();
    const labeledTest = project.samples.all.filter((x) => x.split === 'test' && project.labels.stateOf(x.id).classId !== null).length;
    expect(report.test!.count).toBe(labeledTest - excluded);
    expect((await studio.call('loop:status', {})).lastRun?.test?.n).toBe(labeledTest - excluded);

    // Each data check is a gallery condition; its own order lists the worst first.
    const outliers = await studio.call('samples:list', { filter: { where: [{ kind: 'outlier' }] }, sort: { by: 'data-check', check: 'outlier' } });
    expect(outliers.items[0].id).toBe(fixture.oddOne);
    const suspects = await studio.call('samples:list', { filter: { where: [{ kind: 'suspected-label' }] } });
    expect(suspects.total).toBe(overview.suspects.length);
    const duplicates = await studio.call('samples:list', { filter: { where: [{ kind: 'duplicate' }] } });
    expect(duplicates.items.map((r) => r.id)).toEqual(expect.arrayContaining([fixture.nearCopy, fixture.nearOriginal]));

    // Keep one: the copy is excluded (no label, skipped) and the group is resolved.
    await studio.call('quality:group-action', { action: 'keep-one', key: group!.key, keepId: fixture.nearOriginal });
    const copy = await studio.call('samples:get', { id: fixture.nearCopy });
    expect(copy.sample.label).toMatchObject({ classId: null, skipped: true });
    const resolved = await studio.call('quality:overview', {});
    expect(resolved.duplicateGroups.some((g) => g.key === group!.key)).toBe(false);
  });

  it('the embedding map has a point per image, coloured by label, split and flags; a lasso selection goes to the gallery', async () => {
    const fixture = await openPlanted({ flips: 4 });
    await trainAndCheck();
    const map = await studio.call('quality:map', {});
    expect(map).not.toBeNull();
    expect(map!.method).toBe('umap');
    expect(map!.ids).toHaveLength(fixture.samples.length);
    expect(map!.x.every((v) => v >= 0 && v <= 1)).toBe(true);
    const odd = map!.ids.indexOf(fixture.oddOne);
    expect(map!.label[odd]).toBe(-1);
    expect(map!.flags[odd] & 2).toBe(2);
    const selected = map!.ids.slice(0, 7);
    const result = await studio.call('quality:select', { ids: selected, target: 'gallery' });
    expect(result.selected).toBe(7);
    const gallery = await studio.call('samples:list', { filter: { where: [{ kind: 'map-selection' }] }, sort: { by: 'data-check', check: 'map-selection' } });
    expect(gallery.items.map((r) => r.id)).toEqual(selected);
    // To the labeling queue: only its unlabeled train images go first; labeled ones stay out.
    const queued = await studio.call('quality:select', { ids: [fixture.oddOne, ...selected], target: 'queue' });
    expect(queued).toMatchObject({ queued: 1, leftOut: selected.length });
    const next = await studio.call('queue:next', { count: 1 });
    expect(next[0]).toMatchObject({ sampleId: fixture.oddOne, reason: { strategy: 'map-selection' } });
  });

  it('steps aside when a training run starts, and checks the new run after it', async () => {
    await openPlanted({ flips: 4 });
    await trainAndCheck();
    const firstRun = (await studio.call('quality:status', {})).reportRunId;
    expect((await studio.call('quality:check', {})).started).toBe(true);
    const { runId } = await studio.call('training:start', {});
    await studio.next('quality:progress', (p) => p.reportRunId === runId && p.state === 'idle', 180_000);
    const status = await studio.call('quality:status', {});
    expect(status.reportRunId).toBe(runId);
    expect(status.reportRunId).not.toBe(firstRun);
    expect(status.error).toBeNull();
  });
});
