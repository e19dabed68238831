import { describe, expect, it } from 'vitest';
import { Project } from '../../../../electron/services/project/Project';
import { deleteClass, mergeClasses } from '../../../../electron/services/classes/classCatalog';
import { projectWithSamples } from '../../../helpers/tempProject';

const meta = (annotator = 'ana', seconds = 1.5) => ({ annotator, seconds });

describe('labels', () => {
  it('a label records annotator, time and seconds spent, and survives reopening', async () => {
    const { project, dir, samples } = await projectWithSamples(3);
    const cat = project.doc.classes[0];
    const decision = await project.labels.setClass(samples[0].id, cat.id, meta('ana', 3.25));
    expect(decision).toMatchObject({ kind: 'label', annotator: 'ana', seconds: 3.25, before: { classId: null }, after: { classId: cat.id, annotator: 'ana' } });
    await project.close();
    const reopened = await Project.open(dir);
    expect(reopened.labels.stateOf(samples[0].id).classId).toBe(cat.id);
    expect(reopened.labels.book.recent(20)[0].seconds).toBe(3.25);
    await reopened.close();
  });

  it('undo reverts the latest decision, then the one before, and relabels restore properly', async () => {
    const { project, samples } = await projectWithSamples(3);
    const [cat, dog] = project.doc.classes;
    await project.labels.setClass(samples[0].id, cat.id, meta());
    await project.labels.setClass(samples[0].id, dog.id, meta());
    await project.labels.setClass(samples[1].id, dog.id, meta());

    const first = await project.labels.undo('ana');
    expect(first?.sampleId).toBe(samples[1].id);
    expect(project.labels.stateOf(samples[1].id).classId).toBeNull();
    const second = await project.labels.undo('ana');
    expect(second?.sampleId).toBe(samples[0].id);
    expect(project.labels.stateOf(samples[0].id).classId).toBe(cat.id);
    await project.labels.undo('ana');
    expect(project.labels.stateOf(samples[0].id).classId).toBeNull();
    expect(await project.labels.undo('ana')).toBeNull();
    await project.close();
  });

  it("one annotator's undo never reverts another annotator's label", async () => {
    const { project, samples } = await projectWithSamples(2);
    const [cat] = project.doc.classes;
    await project.labels.setClass(samples[0].id, cat.id, meta('ana'));
    await project.labels.setClass(samples[1].id, cat.id, meta('ben'));
    const undo = await project.labels.undo('ana');
    expect(undo?.sampleId).toBe(samples[0].id);
    expect(project.labels.stateOf(samples[1].id).classId).toBe(cat.id);
    await project.close();
  });

  it('skip and flag keep their own state; flag keeps the comment and a label', async () => {
    const { project, samples } = await projectWithSamples(2);
    const [cat] = project.doc.classes;
    await project.labels.setClass(samples[0].id, cat.id, meta());
    await project.labels.flag(samples[0].id, true, 'could be a lynx', meta());
    expect(project.labels.stateOf(samples[0].id)).toMatchObject({ classId: cat.id, flag: { comment: 'could be a lynx', by: 'ana' } });
    await project.labels.flag(samples[0].id, false, '', meta());
    expect(project.labels.stateOf(samples[0].id).flag).toBeNull();
    await project.labels.skip(samples[1].id, meta());
    expect(project.labels.stateOf(samples[1].id).skipped).toBe(true);
    await project.labels.setClass(samples[1].id, cat.id, meta());
    expect(project.labels.stateOf(samples[1].id).skipped).toBe(false);
    await project.close();
  });

  it('the last 20 decisions come newest first', async () => {
    const { project, samples } = await projectWithSamples(25);
    const [cat] = project.doc.classes;
    for (const s of samples) await project.labels.setClass(s.id, cat.id, meta());
    const recent = project.labels.book.recent(20);
    expect(recent).toHaveLength(20);
    expect(recent[0].sampleId).toBe(samples[24].id);
    expect(recent[19].sampleId).toBe(samples[5].id);
    await project.close();
  });

  it('merging classes moves their labels (and the count is reported); the change survives reopening', async () => {
    const { project, dir, samples } = await projectWithSamples(4);
    const [cat, dog] = project.doc.classes;
    await project.labels.setClass(samples[0].id, cat.id, meta());
    await project.labels.setClass(samples[1].id, cat.id, meta());
    await project.labels.setClass(samples[2].id, dog.id, meta());
    expect(await mergeClasses(project, cat.id, dog.id, 'lead')).toBe(2);
    expect(project.doc.classes.map((c) => c.name)).toEqual(['dog', 'bird']);
    expect(project.labels.stateOf(samples[0].id).classId).toBe(dog.id);
    // undoing a label made before the merge restores the merged-into class, not a dead one
    await project.labels.setClass(samples[0].id, project.doc.classes[1].id, meta());
    await project.labels.undo('ana');
    expect(project.labels.stateOf(samples[0].id).classId).toBe(dog.id);
    await project.close();
    const reopened = await Project.open(dir);
    expect(reopened.labels.book.countByClass().get(dog.id)).toBe(3);
    await reopened.close();
  });

  it('deleting a class drops its labels and says how many', async () => {
    const { project, samples } = await projectWithSamples(3);
    const [cat] = project.doc.classes;
    await project.labels.setClass(samples[0].id, cat.id, meta());
    expect(await deleteClass(project, cat.id, 'lead')).toBe(1);
    expect(project.labels.stateOf(samples[0].id).classId).toBeNull();
    await project.close();
  });
});
