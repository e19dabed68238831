import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { RequestName, RequestOf, ResponseOf } from '../../../../shared/contract';
import { agreementReport } from '../../../../shared/domain/agreementReport';
import { Project } from '../../../../electron/services/project/Project';
import { fakeSample, projectWithSamples } from '../../../helpers/tempProject';
import { testStudio } from '../../../helpers/studio';

/** A studio with a project of `n` samples open, and a way to ask as a named browser tab. */
async function teamStudio(n = 6) {
  const studio = await testStudio('browser');
  await studio.call('project:create', { dir: join(studio.root, 'p'), classes: [{ name: 'cat' }, { name: 'dog' }] });
  const project = studio.host.requireProject();
  const samples = Array.from({ length: n }, (_, i) => fakeSample(i));
  await project.samples.add(samples);
  const as = async <K extends RequestName>(who: string, channel: K, request: RequestOf<K>): Promise<ResponseOf<K>> => {
    const result = await studio.registry.dispatch(channel, { ...(request as object), ...(channel.startsWith('team:set') ? { by: who } : { annotator: who }) }, { transport: 'bridge' });
    if (!result.ok) throw Object.assign(new Error(result.error.message), result.error);
    return result.value as never;
  };
  return { studio, project, samples, as, classes: project.doc.classes };
}

describe('the team and the review queue', () => {
  it('anyone sets up roles until there is a reviewer; then only reviewers change the team, and the roles are stored in the project', async () => {
    const { studio, as } = await teamStudio();
    await as('lead', 'team:set-role', { name: 'rita', role: 'reviewer' });
    await expect(as('bob', 'team:set-role', { name: 'bob', role: 'reviewer' })).rejects.toThrow('Only a reviewer can change the team; bob is an annotator.');
    await expect(as('bob', 'team:set-overlap', { rate: 0.2 })).rejects.toThrow(/Only a reviewer/);
    const team = await as('rita', 'team:set-overlap', { rate: 0.2 });
    expect(team).toMatchObject({ members: [{ name: 'rita', role: 'reviewer' }], overlap: { rate: 0.2 }, reviewersOnly: true });
    const dir = studio.host.requireProject().dir;
    await studio.call('project:close', {});
    await studio.call('project:open', { dir });
    expect(await studio.call('team:get', {})).toMatchObject({ members: [{ name: 'rita', role: 'reviewer' }], overlap: { rate: 0.2 } });
  });

  it('conflicts come before flagged images in the review queue, with every answer and the comment; only a reviewer decides, and a verdict can be undone', async () => {
    const { studio, as, samples, classes } = await teamStudio();
    const [cat, dog] = classes;
    await as('alice', 'labels:set', { sampleId: samples[0].id, classId: cat.id, basedOn: 0 });
    await as('bob', 'labels:set', { sampleId: samples[0].id, classId: dog.id, basedOn: 0 });
    await as('carol', 'labels:flag', { sampleId: samples[1].id, flagged: true, comment: 'is it a fox?' });
    await as('alice', 'labels:set', { sampleId: samples[2].id, classId: cat.id, basedOn: 0 });

    const queue = await studio.call('review:queue', {});
    expect(queue.total).toBe(2);
    expect(queue.items.map((i) => [i.sampleId, i.reasons])).toEqual([
      [samples[0].id, ['conflict']],
      [samples[1].id, ['flagged']],
    ]);
    expect(queue.items[0].answers.map((a) => [a.annotator, a.classId])).toEqual([
      ['alice', cat.id],
      ['bob', dog.id],
    ]);
    expect(queue.items[1].label.flag?.comment).toBe('is it a fox?');

    await expect(as('bob', 'review:decide', { sampleId: samples[0].id, classId: dog.id })).rejects.toThrow('bob is not a reviewer in this project.');
    await studio.call('team:set-role', { name: 'rita', role: 'reviewer' });
    const verdict = await as('rita', 'review:decide', { sampleId: samples[0].id, classId: dog.id, basedOn: queue.items[0].version });
    expect(verdict).toMatchObject({ final: true, annotator: 'rita' });
    expect((await studio.call('review:queue', {})).total).toBe(1);
    expect((await studio.call('samples:list', { filter: { status: 'reviewed' } })).items.map((r) => r.id)).toEqual([samples[0].id]);

    const undone = await as('rita', 'labels:undo', { seq: verdict.seq });
    expect(undone.undo?.undoes).toBe(verdict.seq);
    expect((await studio.call('review:queue', {})).total).toBe(2);
  });

  it("a bridge undo refused for someone else's later label answers with who changed it, and changes nothing", async () => {
    const { as, samples, classes, project } = await teamStudio();
    const [cat, dog] = classes;
    await as('alice', 'labels:set', { sampleId: samples[0].id, classId: cat.id, basedOn: 0 });
    await as('bob', 'labels:set', { sampleId: samples[0].id, classId: dog.id, basedOn: project.labels.book.versionOf(samples[0].id) });
    const before = project.labels.book.lastSeq;
    const answer = await as('alice', 'labels:undo', {});
    expect(answer).toMatchObject({ undo: null, changedSince: { by: 'bob', kind: 'label', sampleId: samples[0].id } });
    expect(project.labels.book.lastSeq).toBe(before);
  });
});

describe('agreement with the model', () => {
  it("counts only answers the model did not learn from, per person, with how many there are", async () => {
    const { project, samples } = await projectWithSamples(6, ['cat', 'dog']);
    const [cat, dog] = project.doc.classes;
    for (const s of samples) await project.labels.setClass(s.id, cat.id, { annotator: 'ann', seconds: 1 });
    await project.labels.setClass(samples[5].id, dog.id, { annotator: 'ben', seconds: 1, basedOn: 0 });
    const learned = new Set(samples.slice(0, 3).map((s) => s.id));
    const report = agreementReport(project.labels.book, [cat.id, dog.id], {
      runId: 'r1',
      predicted: (id) => (id === samples[4].id ? dog.id : cat.id),
      learnedFrom: (id) => learned.has(id),
    });
    expect(report.model.people).toEqual([
      { annotator: 'ann', items: 3, agreement: 2 / 3, kappa: 0 },
      { annotator: 'ben', items: 1, agreement: 0, kappa: 0 },
    ]);
    await project.close();
    const reopened = await Project.open(project.dir, { readOnly: true });
    expect(reopened.labels.book.answersOf(samples[5].id).map((a) => a.annotator)).toEqual(['ann', 'ben']);
    await reopened.close();
  });
});
