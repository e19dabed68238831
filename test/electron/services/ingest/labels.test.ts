import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Project } from '../../../../electron/services/project/Project';
import { runImport } from '../../../../electron/services/ingest';
import { classFolderTree, makeTempDir, removeDir, writeBytes, writeImage } from '../../../helpers/images';

let root: string;
let project: Project;

beforeEach(async () => {
  root = await makeTempDir();
  project = await Project.create(join(root, 'project'), { classes: [{ name: 'Cat' }] });
});
afterEach(async () => {
  await project.close();
  await removeDir(root);
});

const classNamed = (name: string) => project.doc.classes.find((c) => c.name === name);
const labelOf = (relativePath: string) => {
  const sample = project.samples.all.find((s) => s.relativePath === relativePath)!;
  return { sample, state: project.labels.stateOf(sample.id) };
};

describe('labels from folder names', () => {
  it('labels each image by its first-level folder, matching existing classes case-insensitively', async () => {
    const dir = join(root, 'animals');
    await classFolderTree(dir, { cat: 2, dog: 2 });
    await writeImage(join(dir, 'dog', 'puppies', 'deep.png'), 'png', { seed: 77 });
    await writeImage(join(dir, 'loose.png'), 'png', { seed: 78 });

    const report = await runImport(project, { sources: [dir], labelsFrom: 'folders' });

    expect(report).toMatchObject({ imported: 6, labeled: 5, newClasses: ['dog'] });
    expect(project.doc.classes.map((c) => c.name)).toEqual(['Cat', 'dog']);
    expect(labelOf('cat/cat-0000.png').state.classId).toBe(classNamed('Cat')!.id);
    expect(labelOf('dog/puppies/deep.png').state).toMatchObject({ classId: classNamed('dog')!.id, annotator: 'import' });
    expect(labelOf('dog/puppies/deep.png').sample.importedLabel).toBe('dog');
    expect(labelOf('loose.png').state.classId).toBeNull();
    expect(labelOf('loose.png').sample.importedLabel).toBeNull();
  });

  it('keeps created classes and labels after reopening', async () => {
    const dir = join(root, 'animals');
    await classFolderTree(dir, { owl: 2 });
    await runImport(project, { sources: [dir], labelsFrom: 'folders' });
    await project.close();
    project = await Project.open(join(root, 'project'));
    const owl = classNamed('owl')!;
    expect(owl).toBeDefined();
    expect(project.labels.book.countByClass().get(owl.id)).toBe(2);
  });
});

describe('labels from a CSV file', () => {
  it('reads a header, quotes, a BOM, CRLF, relative and absolute paths, and creates missing classes', async () => {
    const dir = join(root, 'pics');
    const a = await writeImage(join(dir, 'a.png'), 'png', { seed: 1 });
    await writeImage(join(dir, 'sub', 'b.png'), 'png', { seed: 2 });
    await writeImage(join(dir, 'c.png'), 'png', { seed: 3 });
    await writeImage(join(dir, 'unlisted.png'), 'png', { seed: 4 });
    const csv = ['\uFEFFpath,label', `"${a}",cat`, 'pics/sub/b.png,"Red fox"', 'pics/c.png, cat ', 'pics/missing.png,cat', ''].join('\r\n');
    const csvPath = await writeBytes(join(root, 'labels.csv'), csv);

    const report = await runImport(project, { sources: [dir], labelsFrom: 'csv', csvPath });

    expect(report).toMatchObject({ imported: 4, labeled: 3, newClasses: ['Red fox'], unmatchedCsvRows: 1 });
    expect(labelOf('a.png').state.classId).toBe(classNamed('Cat')!.id);
    expect(labelOf('c.png').state.classId).toBe(classNamed('Cat')!.id);
    expect(labelOf('sub/b.png').state.classId).toBe(classNamed('Red fox')!.id);
    expect(labelOf('unlisted.png').state.classId).toBeNull();
  });

  it('a CSV lying among the images is not imported as a file', async () => {
    const dir = join(root, 'pics');
    await writeImage(join(dir, 'a.png'), 'png', { seed: 1 });
    const csvPath = await writeBytes(join(dir, 'labels.csv'), 'a.png,cat\n');
    const report = await runImport(project, { sources: [dir], labelsFrom: 'csv', csvPath });
    expect(report).toMatchObject({ imported: 1, labeled: 1, rejected: [] });
  });

  it('stops on a malformed CSV with the line to fix, before importing anything', async () => {
    const dir = join(root, 'pics');
    await writeImage(join(dir, 'a.png'), 'png', { seed: 1 });
    const csvPath = await writeBytes(join(root, 'bad.csv'), 'path,label\na.png,cat\nb.png,cat,extra\n');
    const error = await runImport(project, { sources: [dir], labelsFrom: 'csv', csvPath }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'invalid-request', message: expect.stringContaining('line 3') });
    expect((error as { hint?: string }).hint).toContain('path,label');
    expect(project.samples.size).toBe(0);
    expect(await readdir(join(root, 'project'))).not.toContain('thumbs');
  });

  it('stops on an unclosed quote and on a missing CSV file', async () => {
    const dir = join(root, 'pics');
    await writeImage(join(dir, 'a.png'), 'png', { seed: 1 });
    const unclosed = await writeBytes(join(root, 'unclosed.csv'), 'a.png,"cat\n');
    await expect(runImport(project, { sources: [dir], labelsFrom: 'csv', csvPath: unclosed })).rejects.toMatchObject({
      code: 'invalid-request',
      message: expect.stringContaining('never closed'),
    });
    await expect(runImport(project, { sources: [dir], labelsFrom: 'csv', csvPath: join(root, 'nope.csv') })).rejects.toMatchObject({ code: 'not-found' });
    expect(project.samples.size).toBe(0);
  });
});
