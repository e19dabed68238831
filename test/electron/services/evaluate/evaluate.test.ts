import { describe, expect, it } from 'vitest';
import { evaluateCommand } from '../../../../electron/cli/commands/evaluate';
import { LoopStore } from '../../../../electron/services/loop/LoopStore';
import { recordRound } from '../../../../electron/services/loop/recordRound';
import type { Sample } from '../../../../shared/domain/records';
import { testStudio } from '../../../helpers/studio';
import { projectWithSamples } from '../../../helpers/tempProject';
import { confident, finishedRun, type Rows } from '../loop/roundFixtures';

// What the Evaluate tab and `studio evaluate` show, through the real handlers, on runs whose
// probabilities were chosen by hand: 30 samples, splits cycling train/val/test, classes cat,
// dog, bird. Test labels: 4 cats, 2 dogs, no bird. Run A calls everything a cat; run B gets
// the dogs right but also calls one cat a dog.

async function evaluatedProject() {
  const { project, dir, samples } = await projectWithSamples(30);
  const [cat, dog] = project.doc.classes.map((c) => c.id);
  const of = (split: Sample['split']) => samples.filter((s) => s.split === split);
  const [train, val, test] = [of('train'), of('val'), of('test')];
  const meta = { annotator: 'ana', seconds: 1 };
  for (const s of test.slice(0, 4)) await project.labels.setClass(s.id, cat, meta);
  for (const s of test.slice(4, 6)) await project.labels.setClass(s.id, dog, meta);
  await project.labels.setClass(val[0].id, cat, meta);
  await project.labels.setClass(val[1].id, dog, meta);
  await project.labels.setClass(train[0].id, cat, meta);
  const everyone = [...train, ...val, ...test];
  const rowsA: Rows = Object.fromEntries(everyone.map((s, i) => [s.id, confident(0, 3, 0.6 + (i % 3) * 0.1)]));
  const rowsB: Rows = { ...rowsA, [test[4].id]: confident(1), [test[5].id]: confident(1), [test[0].id]: confident(1, 3, 0.95), [val[1].id]: confident(1) };
  const store = await LoopStore.open(project);
  const runA = await finishedRun(project, rowsA, { labels: { train: 1, val: 2 }, valAccuracy: { accuracy: 0.5, count: 2 } });
  await recordRound(project, store, runA, project.labels.book.lastSeq);
  await project.labels.setClass(train[1].id, dog, meta);
  const runB = await finishedRun(project, rowsB, { labels: { train: 2, val: 2 }, valAccuracy: { accuracy: 1, count: 2 } });
  await recordRound(project, store, runB, project.labels.book.lastSeq);
  await project.close();
  return { dir, cat, dog, train, val, test, runA, runB };
}

describe('the Evaluate tab’s figures', () => {
  it('six test labels: accuracy and macro-F1 with their intervals, muted as too few, "—" for the class without test labels', async () => {
    const fixture = await evaluatedProject();
    const studio = await testStudio();
    await studio.call('project:open', { dir: fixture.dir });
    const report = await studio.call('evaluate:report', {});
    expect(report.run).toMatchObject({ id: fixture.runB.id, round: 2 });
    // Run B: 3 of 4 cats, both dogs → 5 of 6.
    expect(report.test).toMatchObject({ count: 6, tooFew: true, minimum: 30, accuracy: { value: 5 / 6 } });
    expect(report.test!.accuracy!.low).toBeCloseTo(0.4365, 3); // Wilson, 5 of 6
    const bird = report.test!.perClass[2];
    expect(bird).toMatchObject({ support: 0, precision: null, recall: null, f1: null, missing: { precision: 'never-predicted', recall: 'no-labels', f1: 'no-labels' } });
    expect(report.test!.macroF1).toMatchObject({ classes: 2 });
    expect(report.val).toMatchObject({ count: 2, accuracy: { value: 1 } });
    expect(report.rounds.map((r) => [r.round, r.test?.count, r.test?.accuracy?.value])).toEqual([
      [1, 6, 4 / 6],
      [2, 6, 5 / 6],
    ]);
    expect(report.curve).toEqual({ testLabels: 6, scored: 2, unscored: 0 });
    expect(report.runs.map((r) => r.id)).toEqual([fixture.runB.id, fixture.runA.id]);
    // An older run can be picked; a run that does not exist is refused with what to do.
    expect((await studio.call('evaluate:report', { runId: fixture.runA.id })).test!.accuracy!.value).toBeCloseTo(4 / 6, 10);
    await expect(studio.call('evaluate:report', { runId: 'run-nope' })).rejects.toThrow(/not-found: There is no run run-nope/);
  });

  it('failure cases: per class, false positives and false negatives on labeled val and test images, most confident first', async () => {
    const fixture = await evaluatedProject();
    const studio = await testStudio();
    await studio.call('project:open', { dir: fixture.dir });
    const failures = await studio.call('evaluate:failures', { runId: fixture.runA.id });
    expect(failures.labeled).toBe(8);
    const [cat, dog] = failures.perClass;
    // Run A calls the two test dogs and the val dog cats: three false positives of cat, three false negatives of dog.
    expect(cat.falsePositives.count).toBe(3);
    expect(dog.falseNegatives.count).toBe(3);
    expect(cat.falseNegatives.count).toBe(0);
    const probabilities = cat.falsePositives.cases.map((c) => c.probability);
    expect(probabilities).toEqual([...probabilities].sort((a, b) => b - a));
    expect(cat.falsePositives.cases[0]).toMatchObject({ predictedClassId: fixture.cat, trueClassId: fixture.dog });
    expect(new Set(cat.falsePositives.cases.map((c) => c.split))).toEqual(new Set(['val', 'test']));
    const onlyTest = await studio.call('evaluate:failures', { runId: fixture.runA.id, splits: ['test'], limit: 1 });
    expect(onlyTest.perClass[0].falsePositives).toMatchObject({ count: 2, cases: [expect.objectContaining({ split: 'test' })] });
  });

  it('two runs compared on the same test labels: deltas overall and per class with n, and which predictions were fixed or broken', async () => {
    const fixture = await evaluatedProject();
    const studio = await testStudio();
    await studio.call('project:open', { dir: fixture.dir });
    const comparison = await studio.call('evaluate:compare', { baseRunId: fixture.runA.id, runId: fixture.runB.id });
    expect(comparison).toMatchObject({ count: 6, tooFew: true, changed: { fixed: 2, broken: 1, otherwise: 0 } });
    expect(comparison.accuracy.base).toBeCloseTo(4 / 6, 10);
    expect(comparison.accuracy.delta).toBeCloseTo(1 / 6, 10);
    expect(comparison.perClass[1]).toMatchObject({ classId: fixture.dog, n: 2, recall: { base: 0, other: 1, delta: 1 } });
    expect(comparison.perClass[2]).toMatchObject({ n: 0, recall: { base: null, other: null, delta: null } });

    // The gallery lists exactly those samples.
    const list = (change: 'fixed' | 'broken') =>
      studio.call('samples:list', { filter: { status: 'labeled', split: 'test', where: [{ kind: 'changed', runId: fixture.runB.id, baseRunId: fixture.runA.id, change }] } });
    expect((await list('fixed')).items.map((r) => r.id).sort()).toEqual([fixture.test[4].id, fixture.test[5].id].sort());
    expect((await list('broken')).items.map((r) => r.id)).toEqual([fixture.test[0].id]);
  });
});

describe('the gallery by prediction', () => {
  it('filters by predicted class, correctness, confidence and margin, sorts by confidence, and shows each row’s prediction', async () => {
    const fixture = await evaluatedProject();
    const studio = await testStudio();
    await studio.call('project:open', { dir: fixture.dir });
    const runId = fixture.runB.id;
    const wrong = await studio.call('samples:list', { filter: { status: 'labeled', split: 'test', where: [{ kind: 'prediction', runId, correct: false }] } });
    expect(wrong.items.map((r) => r.id)).toEqual([fixture.test[0].id]); // the cat called a dog
    expect(wrong.items[0].prediction).toMatchObject({ runId, classId: fixture.dog, probability: expect.closeTo(0.95, 5), margin: expect.closeTo(0.925, 5) });

    // Unlabeled samples by predicted class, least sure first.
    const unlabeledCats = await studio.call('samples:list', { filter: { status: 'unlabeled', where: [{ kind: 'prediction', runId, classId: fixture.cat }] }, sort: { by: 'confidence', runId, order: 'asc' } });
    const confidences = unlabeledCats.items.map((r) => r.prediction!.probability);
    expect(unlabeledCats.total).toBeGreaterThan(10);
    expect(confidences).toEqual([...confidences].sort((a, b) => a - b));
    expect(unlabeledCats.items.every((r) => r.label.classId === null && r.prediction!.classId === fixture.cat)).toBe(true);

    const unsure = await studio.call('samples:list', { filter: { status: 'all', where: [{ kind: 'prediction', runId, confidence: { min: 0, max: 0.65 } }] } });
    expect(unsure.items.every((r) => r.prediction!.probability <= 0.65)).toBe(true);
    const sure = await studio.call('samples:list', { filter: { status: 'all', where: [{ kind: 'prediction', runId, confidence: { min: 0.65 } }] } });
    expect(unsure.total).toBeGreaterThan(5); // every third sample got 0.6 from run A's rows
    expect(unsure.total + sure.total).toBe(30);
    const close = await studio.call('samples:list', { filter: { status: 'all', where: [{ kind: 'prediction', runId, margin: { max: 0.45 } }] }, sort: { by: 'margin', runId, order: 'desc' } });
    expect(close.items.map((r) => r.prediction!.margin)).toEqual([...close.items.map((r) => r.prediction!.margin)].sort((a, b) => b - a));
  });

  it('refuses a malformed condition, and says when the named run has no probabilities', async () => {
    const fixture = await evaluatedProject();
    const studio = await testStudio();
    await studio.call('project:open', { dir: fixture.dir });
    const bad = await studio.registry.dispatch('samples:list', { filter: { where: [{ kind: 'prediction', runId: '../../etc', correct: 'yes' }] } }, { transport: 'test' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    const unknownKind = await studio.registry.dispatch('samples:list', { filter: { where: [{ kind: 'psychic' }] } }, { transport: 'test' });
    expect(unknownKind).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    await expect(studio.call('samples:list', { filter: { where: [{ kind: 'prediction', runId: 'run-gone' }] } })).rejects.toThrow(/no probabilities/);
  });
});

describe('studio evaluate', () => {
  const run = (dir: string, values: Record<string, string> = {}) => evaluateCommand.run({ positionals: [dir], values, json: true, progress: () => undefined, signal: new AbortController().signal });

  it('--json carries every figure with intervals and counts; the text says n, mutes too few, and gives "—" with its reason', async () => {
    const fixture = await evaluatedProject();
    const out = await run(fixture.dir, { compare: fixture.runA.id });
    expect(out.test).toMatchObject({ count: 6, tooFew: true, accuracy: { value: 5 / 6, low: expect.any(Number), high: expect.any(Number) }, confusion: [[3, 1, 0], [0, 2, 0], [0, 0, 0]] });
    expect(out.val).toMatchObject({ count: 2 });
    expect(out.rounds).toHaveLength(2);
    expect(out.failures!.perClass[1].falsePositives.count).toBe(1);
    expect(out.comparison).toMatchObject({ changed: { fixed: 2, broken: 1 } });
    expect(out.classes.map((c) => c.name)).toEqual(['cat', 'dog', 'bird']);
    const text = evaluateCommand.format!(out);
    expect(text).toMatch(/^Test: n = 6 — too few test labels \(fewer than 30\): read these figures as rough$/m);
    expect(text).toMatch(/accuracy 83\.3% \(95% interval 44–97%\)/);
    expect(text).toMatch(/^ {2}bird +— never predicted +— no labels +— no labels +0$/m);
    expect(text).toMatch(/Learning curve: 2 round\(s\); 2 scored on the same 6 test labels/);
    expect(text).toMatch(/predictions changed: 2 fixed, 1 broken/);
  });

  it('a project without a model says so; an unknown run is an error that says where the runs are listed', async () => {
    const { dir, project } = await projectWithSamples(3);
    await project.close();
    const out = await run(dir);
    expect(out).toMatchObject({ run: null, test: null, rounds: [], failures: null });
    expect(evaluateCommand.format!(out)).toMatch(/No model yet/);
    await expect(run(dir, { run: 'run-x' })).rejects.toMatchObject({ code: 'not-found' });
  });
});
