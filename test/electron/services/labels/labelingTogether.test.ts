import { describe, expect, it } from 'vitest';
import { Project } from '../../../../electron/services/project/Project';
import { ChangedSinceError } from '../../../../shared/domain/decisionRules';
import { labelsChosenByModel } from '../../../../shared/domain/labelViews';
import { projectWithSamples } from '../../../helpers/tempProject';

// Two people labeling one project: nothing either of them answered is replaced unseen.

const by = (annotator: string, basedOn?: number, overlap = false) => ({ annotator, seconds: 1, basedOn, overlap });

describe('labeling together', () => {
  it("bob's label on an image alice labeled after he loaded it is a conflict: both answers kept, alice's label stands, the image goes to review", async () => {
    const { project, dir, samples } = await projectWithSamples(3, ['coat', 'shirt']);
    const [coat, shirt] = project.doc.classes;
    const id = samples[0].id;
    const loadedByBob = project.labels.book.versionOf(id);
    const alice = await project.labels.setClass(id, coat.id, by('alice', project.labels.book.versionOf(id)));
    const bob = await project.labels.setClass(id, shirt.id, by('bob', loadedByBob));
    expect(bob.conflict).toEqual({ seq: alice.seq, annotator: 'alice', classId: coat.id });
    expect(bob.answer).toBe(shirt.id);
    expect(project.labels.stateOf(id)).toMatchObject({ classId: coat.id, annotator: 'alice', needsReview: 'conflict' });
    await project.close();
    const reopened = await Project.open(dir);
    expect(reopened.labels.stateOf(id)).toMatchObject({ classId: coat.id, needsReview: 'conflict' });
    expect(reopened.labels.book.answersOf(id).map((a) => [a.annotator, a.classId, a.independent])).toEqual([
      ['alice', coat.id, true],
      ['bob', shirt.id, true],
    ]);
    await reopened.close();
  });

  it('a relabel made on the version that shows the other label replaces it, as intended', async () => {
    const { project, samples } = await projectWithSamples(1, ['coat', 'shirt']);
    const [coat, shirt] = project.doc.classes;
    const id = samples[0].id;
    await project.labels.setClass(id, coat.id, by('alice', 0));
    const bob = await project.labels.setClass(id, shirt.id, by('bob', project.labels.book.versionOf(id)));
    expect(bob.conflict).toBeUndefined();
    expect(project.labels.stateOf(id)).toMatchObject({ classId: shirt.id, annotator: 'bob' });
    expect(project.labels.stateOf(id).needsReview).toBeUndefined();
    await project.close();
  });

  it('the same answer given concurrently is no conflict, and both count as independent answers', async () => {
    const { project, samples } = await projectWithSamples(1, ['coat', 'shirt']);
    const [coat] = project.doc.classes;
    const id = samples[0].id;
    await project.labels.setClass(id, coat.id, by('alice', 0));
    const bob = await project.labels.setClass(id, coat.id, by('bob', 0));
    expect(bob.conflict).toBeUndefined();
    expect(project.labels.stateOf(id).needsReview).toBeUndefined();
    expect(project.labels.book.answersOf(id).every((a) => a.independent)).toBe(true);
    await project.close();
  });

  it("a label from the CLI without a version counts as made on what that person last saw: labeling over someone else's is a conflict", async () => {
    const { project, samples } = await projectWithSamples(1, ['cat', 'dog']);
    const [cat, dog] = project.doc.classes;
    await project.labels.setClass(samples[0].id, cat.id, by('alice'));
    const bob = await project.labels.setClass(samples[0].id, dog.id, by('bob'));
    expect(bob.conflict?.annotator).toBe('alice');
    // alice revising her own label is a relabel
    const again = await project.labels.setClass(samples[0].id, dog.id, by('alice'));
    expect(again.conflict).toBeUndefined();
    await project.close();
  });

  it('imported labels are nobody’s answer: correcting one is a relabel, not a conflict', async () => {
    const { project, samples } = await projectWithSamples(1, ['cat', 'dog']);
    const [cat, dog] = project.doc.classes;
    await project.labels.setClass(samples[0].id, cat.id, by('import'));
    const fix = await project.labels.setClass(samples[0].id, dog.id, by('alice'));
    expect(fix.conflict).toBeUndefined();
    expect(project.labels.stateOf(samples[0].id).classId).toBe(dog.id);
    await project.close();
  });

  it("undo after someone else's label says who changed it and leaves their label; once theirs is undone, yours can be", async () => {
    const { project, samples } = await projectWithSamples(1, ['cat', 'dog']);
    const [cat, dog] = project.doc.classes;
    const id = samples[0].id;
    await project.labels.setClass(id, cat.id, by('alice', 0));
    await project.labels.setClass(id, dog.id, by('bob', project.labels.book.versionOf(id)));
    const refused = await project.labels.undo('alice').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ChangedSinceError);
    expect((refused as ChangedSinceError).since.annotator).toBe('bob');
    expect((refused as Error).message).toMatch(/^bob relabeled this image since your decision/);
    expect(project.labels.stateOf(id).classId).toBe(dog.id);

    await project.labels.undo('bob');
    expect(project.labels.stateOf(id).classId).toBe(cat.id);
    await project.labels.undo('alice');
    expect(project.labels.stateOf(id).classId).toBeNull();
    await project.close();
  });

  it('undo of a named decision checks that it is yours and not undone', async () => {
    const { project, samples } = await projectWithSamples(2, ['cat', 'dog']);
    const [cat] = project.doc.classes;
    const mine = await project.labels.setClass(samples[0].id, cat.id, by('alice', 0));
    const theirs = await project.labels.setClass(samples[1].id, cat.id, by('bob', 0));
    await expect(project.labels.undo('alice', theirs.seq)).rejects.toThrow(/not one of alice's decisions/);
    expect((await project.labels.undo('alice', mine.seq))?.undoes).toBe(mine.seq);
    await expect(project.labels.undo('alice', mine.seq)).rejects.toThrow(/not one of alice's decisions/);
    await project.close();
  });

  it('on an overlap sample a second person answers independently: agreeing leaves it labeled, disagreeing sends it to review', async () => {
    const { project, samples } = await projectWithSamples(2, ['cat', 'dog']);
    const [cat, dog] = project.doc.classes;
    const [agreed, disputed] = samples.map((s) => s.id);
    for (const id of [agreed, disputed]) await project.labels.setClass(id, cat.id, by('alice', 0, true));
    const second = await project.labels.setClass(agreed, cat.id, by('bob', project.labels.book.versionOf(agreed), true));
    expect(second.secondOpinion).toBe(true);
    expect(project.labels.stateOf(agreed)).toMatchObject({ classId: cat.id, annotator: 'alice' });
    expect(project.labels.stateOf(agreed).needsReview).toBeUndefined();
    await project.labels.setClass(disputed, dog.id, by('bob', project.labels.book.versionOf(disputed), true));
    expect(project.labels.stateOf(disputed)).toMatchObject({ classId: cat.id, annotator: 'alice', needsReview: 'disagreement' });
    expect(project.labels.book.answersOf(disputed).map((a) => [a.annotator, a.classId, a.independent])).toEqual([
      ['alice', cat.id, true],
      ['bob', dog.id, true],
    ]);
    await project.close();
  });

  it("a reviewer's verdict is final: it clears the review and the flag, a later different answer is a conflict, and the verdict can be undone", async () => {
    const { project, samples } = await projectWithSamples(1, ['cat', 'dog']);
    const [cat, dog] = project.doc.classes;
    const id = samples[0].id;
    await project.labels.setClass(id, cat.id, by('alice', 0));
    await project.labels.setClass(id, dog.id, by('bob', 0));
    await project.labels.flag(id, true, 'ears look like a dog', by('bob'));
    const verdict = await project.labels.review(id, dog.id, by('rita', project.labels.book.versionOf(id)));
    expect(verdict.final).toBe(true);
    expect(project.labels.stateOf(id)).toMatchObject({ classId: dog.id, annotator: 'rita', flag: null, reviewed: { by: 'rita' } });
    expect(project.labels.stateOf(id).needsReview).toBeUndefined();

    const late = await project.labels.setClass(id, cat.id, by('alice', project.labels.book.versionOf(id)));
    expect(late.conflict).toMatchObject({ annotator: 'rita', classId: dog.id });
    expect(project.labels.stateOf(id)).toMatchObject({ classId: dog.id, needsReview: 'conflict' });
    await project.labels.undo('alice');
    await project.labels.undo('rita');
    expect(project.labels.stateOf(id)).toMatchObject({ classId: cat.id, needsReview: 'conflict' });
    expect(project.labels.stateOf(id).reviewed).toBeUndefined();
    await project.close();
  });

  it('clearing a label someone gave since you loaded the image is refused and changes nothing', async () => {
    const { project, samples } = await projectWithSamples(1, ['cat', 'dog']);
    const [cat] = project.doc.classes;
    await project.labels.setClass(samples[0].id, cat.id, by('alice', 0));
    const before = project.labels.book.lastSeq;
    await expect(project.labels.clear(samples[0].id, by('bob', 0))).rejects.toThrow(/alice labeled this image since you loaded it/);
    expect(project.labels.book.lastSeq).toBe(before);
    await project.close();
  });

  it("an answer from a drill-down that conflicts with someone else's label leaves that label counted as the annotator's, not as chosen by the model", async () => {
    const { project, dir, samples } = await projectWithSamples(3, ['coat', 'shirt']);
    const [coat, shirt] = project.doc.classes;
    const [kept, moved] = [samples[0].id, samples[1].id];
    const chosen = () => labelsChosenByModel(project.labels.book.decisions, (seq) => project.labels.book.isUndone(seq));
    await project.labels.setClass(kept, coat.id, by('alice', 0));
    const conflict = await project.labels.setClass(kept, shirt.id, { ...by('bob', 0), via: 'drill-down' });
    expect(conflict).toMatchObject({ via: 'drill-down', conflict: { annotator: 'alice' } });
    expect(project.labels.stateOf(kept)).toMatchObject({ classId: coat.id, annotator: 'alice' });

    await project.labels.setClass(moved, coat.id, by('alice', 0));
    const relabel = await project.labels.setClass(moved, shirt.id, { ...by('bob', project.labels.book.versionOf(moved)), via: 'drill-down' });
    expect(relabel.conflict).toBeUndefined();
    expect(chosen()).toEqual(new Set([moved]));
    await project.close();

    const reopened = await Project.open(dir);
    expect(labelsChosenByModel(reopened.labels.book.decisions, (seq) => reopened.labels.book.isUndone(seq))).toEqual(new Set([moved]));
    expect(reopened.labels.book.decisionAt(conflict.seq)?.via).toBe('drill-down');
    await reopened.close();
  });
});
