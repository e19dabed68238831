import { describe, expect, it } from 'vitest';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Project } from '../../../../electron/services/project/Project';
import { wrapDocument } from '../../../../electron/services/storage/documentEnvelope';
import { projectStatus } from '../../../../electron/services/project/sampleQueries';
import { createClass } from '../../../../electron/services/classes/classCatalog';
import { fakeSample, projectWithSamples, tempDir } from '../../../helpers/tempProject';

describe('projects', () => {
  it('a created project reopens with its classes, samples and frozen splits', async () => {
    const { project, dir, samples } = await projectWithSamples(9);
    const splits = samples.map((s) => s.split);
    await project.close();
    const reopened = await Project.open(dir);
    expect(reopened.doc.classes.map((c) => c.name)).toEqual(['cat', 'dog', 'bird']);
    expect(reopened.doc.classes.map((c) => c.key)).toEqual(['1', '2', '3']);
    expect(reopened.samples.all.map((s) => s.split)).toEqual(splits);
    expect(reopened.doc.schemaVersion).toBe(1);
    await reopened.close();
  });

  it('refuses to create a project in a folder that already has files', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'holiday.jpg'), 'x');
    await expect(Project.create(dir)).rejects.toThrow(/is not empty/);
  });

  it('a project made by a newer studio is refused with a message to update', async () => {
    const { project, dir } = await projectWithSamples(1);
    await project.close();
    const { data, generation } = JSON.parse(await readFile(join(dir, 'studio.json'), 'utf8'));
    await writeFile(join(dir, 'studio.json'), wrapDocument({ ...data, schemaVersion: 99 }, generation + 1, new Date().toISOString()));
    await expect(Project.open(dir)).rejects.toThrow(/newer studio .*schema 99/);
  });

  it('a corrupt studio.json is restored from its last good generation and the notice reaches the summary', async () => {
    const { project, dir } = await projectWithSamples(2);
    await project.updateMeta((doc) => {
      doc.name = 'renamed';
    }, 'not renamed');
    await project.close();
    await writeFile(join(dir, 'studio.json'), '\0\0\0\0');
    const reopened = await Project.open(dir);
    expect(reopened.summary().notices[0].message).toMatch(/studio.json was damaged \(not valid JSON\); restored generation \d+/);
    expect(reopened.samples.size).toBe(2);
    await reopened.close();
  });

  it('a read-only open takes no lock and refuses changes', async () => {
    const { project, dir, samples } = await projectWithSamples(3);
    const reader = await Project.open(dir, { readOnly: true });
    expect(reader.samples.size).toBe(3);
    await expect(reader.labels.setClass(samples[0].id, project.doc.classes[0].id, { annotator: 'a', seconds: 1 })).rejects.toThrow(/read-only/);
    await reader.close();
    await project.close();
  });

  it('opening a folder that is not a project says so', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'empty'));
    await expect(Project.open(join(dir, 'empty'))).rejects.toThrow(/not a studio project/);
    await expect(Project.open(join(dir, 'missing'))).rejects.toThrow(/No project folder/);
  });

  it('status counts labels per class and split, unlabeled, flagged and skipped', async () => {
    const { project, samples } = await projectWithSamples(6);
    const [cat, dog] = project.doc.classes;
    const meta = { annotator: 'ann', seconds: 2 };
    await project.labels.setClass(samples[0].id, cat.id, meta);
    await project.labels.setClass(samples[1].id, dog.id, meta);
    await project.labels.setClass(samples[3].id, cat.id, meta);
    await project.labels.flag(samples[4].id, true, 'blurry', meta);
    await project.labels.skip(samples[5].id, meta);
    const status = projectStatus(project);
    expect(status).toMatchObject({ total: 6, labeled: 3, unlabeled: 3, flagged: 1, skipped: 1 });
    expect(status.perSplit).toEqual({ train: 2, val: 2, test: 2 });
    expect(status.perClass.find((c) => c.name === 'cat')).toMatchObject({ count: 2, perSplit: { train: 2, val: 0, test: 0 } });
    await project.close();
  });

  it('a second batch of samples is durable once add() returns', async () => {
    const { project, dir } = await projectWithSamples(2);
    await project.samples.add([fakeSample(100)]);
    const reader = await Project.open(dir, { readOnly: true });
    expect(reader.samples.get(fakeSample(100).id)).toBeDefined();
    await reader.close();
    await project.close();
  });
});

describe('recovering an interrupted import', () => {
  it('imported labels whose decisions never reached the journal are recorded on the next open', async () => {
    const { project, dir } = await projectWithSamples(0);
    // the crash: samples with imported labels committed, label decisions not yet written
    await project.samples.add([fakeSample(1, 'train', 'cat'), fakeSample(2, 'train', 'DOG'), fakeSample(3, 'train', 'unknown')]);
    await project.close();
    const reopened = await Project.open(dir);
    const [cat, dog] = reopened.doc.classes;
    expect(reopened.labels.stateOf(fakeSample(1).id).classId).toBe(cat.id);
    expect(reopened.labels.stateOf(fakeSample(2).id).classId).toBe(dog.id);
    expect(reopened.labels.stateOf(fakeSample(3).id).classId).toBeNull();
    expect(reopened.notices.map((n) => n.message)).toContain('Recorded 2 imported label(s) that an interrupted import had not saved yet.');
    await reopened.labels.clear(fakeSample(1).id, { annotator: 'ana', seconds: 0 });
    await reopened.close();
    const again = await Project.open(dir);
    expect(again.labels.stateOf(fakeSample(1).id).classId).toBeNull(); // a person cleared it: left alone
    await again.close();
  });
});

describe('read-only opens change nothing', () => {
  it('a damaged studio.json is read from its backup by `status` but only repaired by a writer', async () => {
    const { project, dir } = await projectWithSamples(1);
    await project.updateMeta((doc) => {
      doc.name = 'second';
    }, 'not renamed');
    await project.close(); // generation 2 is 'second'; generation 1 (studio.json.1) is the project as created
    await writeFile(join(dir, 'studio.json'), '{broken');
    const reader = await Project.open(dir, { readOnly: true });
    expect(reader.doc.name).toBe('project');
    expect(reader.notices[0].message).toMatch(/studio.json was damaged \(not valid JSON\); showing generation 1, saved .* from studio.json.1/);
    await reader.close();
    expect(await readFile(join(dir, 'studio.json'), 'utf8')).toBe('{broken');
    const writer = await Project.open(dir);
    expect(writer.notices[0].message).toMatch(/studio.json was damaged \(not valid JSON\); restored generation 1, saved .* from studio.json.1/);
    await writer.close();
  });
});

describe('restoring a damaged studio.json says exactly what differs', () => {
  it('a class missing from the restored generation is re-created from the damaged file, with its labels', async () => {
    const { project, dir, samples } = await projectWithSamples(20, ['cat']);
    const zebra = await createClass(project, { name: 'zebra' });
    for (const s of samples.slice(0, 17)) await project.labels.setClass(s.id, zebra.id, { annotator: 'ana', seconds: 1 });
    await project.close();
    // Both newer generations damaged: the one left is from before "zebra".
    const current = await readFile(join(dir, 'studio.json'), 'utf8');
    await writeFile(join(dir, 'studio.json'), current.replace('"cat"', '"kitty"')); // parses, fails its checksum
    await writeFile(join(dir, 'studio.json.1'), 'zzzz');

    const reopened = await Project.open(dir);
    expect(reopened.doc.classes.map((c) => c.name)).toEqual(['cat', 'zebra']);
    expect(reopened.labels.book.countByClass().get(zebra.id)).toBe(17);
    expect(reopened.notices).toHaveLength(1);
    expect(reopened.notices[0]).toMatchObject({ level: 'warning' });
    expect(reopened.notices[0].message).toMatch(
      /^studio.json was damaged \(checksum mismatch: the file changed after it was saved\); restored generation 1, saved .* from studio.json.2\. Compared with the damaged file: class "cat" is named "kitty" in the damaged file; class "zebra" is in the damaged file but not in the restored version\. 17 label\(s\) point at class "zebra", which the restored version lacked: it was re-created from the damaged file, and its labels are back\. The damaged file was kept as studio.json.damaged-/,
    );
    await reopened.close();
    const again = await Project.open(dir);
    expect(again.notices).toEqual([]);
    expect(again.doc.classes.map((c) => c.name)).toEqual(['cat', 'zebra']);
    await again.close();
  });

  it('a missing or emptied labels.jsonl stops the open with a way on; read-only shows what is there', async () => {
    const { project, dir, samples } = await projectWithSamples(5, ['cat']);
    for (const s of samples) await project.labels.setClass(s.id, project.doc.classes[0].id, { annotator: 'ana', seconds: 1 });
    await project.close();
    await writeFile(join(dir, 'labels.jsonl'), '');
    await expect(Project.open(dir)).rejects.toMatchObject({ code: 'damaged', message: expect.stringMatching(/labels.jsonl holds 0 of the 5 label records/) });
    expect(await readFile(join(dir, 'labels.jsonl'), 'utf8')).toBe(''); // nothing changed
    const reader = await Project.open(dir, { readOnly: true });
    expect(reader.notices[0]).toMatchObject({ level: 'warning', message: expect.stringMatching(/showing what is there\. Nothing was changed\./) });
    await reader.close();
    const accepted = await Project.open(dir, { acceptLoss: true });
    expect(accepted.notices.map((n) => n.message)).toContain('labels.jsonl held 0 of the 5 label records studio.json lists; as you chose, the project goes on with those: 5 label records are lost.');
    await accepted.close();
    const after = await Project.open(dir);
    expect(after.notices).toEqual([]);
    await after.close();
  });
});
