import { describe, expect, it } from 'vitest';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { exportLabels } from '../../../../electron/services/dataset/exportLabels';
import type { LabelFormatName } from '../../../../electron/services/dataset/formats';
import { labelRecordsOf } from '../../../../electron/services/dataset/labelRecords';
import { runImport } from '../../../../electron/services/ingest';
import { Project } from '../../../../electron/services/project/Project';
import { writeImage } from '../../../helpers/images';
import { tempDir } from '../../../helpers/tempProject';

/** Hostile but legal file names: a comma, quotes, a line break, Unicode. */
const names = ['plain.png', 'with, comma.png', 'say "cheese".png', 'two\nlines.png', 'naïve-日本.png', 'tab\there.png', 'a.png', 'b.png', 'c.png', 'd.png', 'e.png', 'f.png'];

/** A project whose images carry every kind of label state, with hostile values. */
async function labeledProject(classes: string[]): Promise<{ project: Project; photos: string }> {
  const root = await tempDir();
  const photos = join(root, 'photos');
  for (const [i, name] of names.entries()) await writeImage(join(photos, i % 2 ? 'x' : 'y', name), 'png', { seed: 50 + i, width: 80, height: 60 });
  const project = await Project.create(join(root, 'project'), { classes: classes.map((name) => ({ name })) });
  await runImport(project, { sources: [photos], labelsFrom: 'none' });
  const ids = project.doc.classes.map((c) => c.id);
  const samples = project.samples.all;
  for (const [i, s] of samples.entries()) {
    if (i % 4 === 3) continue; // some stay unlabeled
    await project.labels.setClass(s.id, ids[i % ids.length], { annotator: i % 2 ? 'Zoë, "lead"' : 'ann\nnewline', seconds: 1.25 * i, at: `2026-11-0${1 + (i % 9)}T10:00:00.000Z` });
  }
  await project.labels.flag(samples[1].id, true, 'blurry, "maybe" a dog\nsecond line', { annotator: 'rev', seconds: 0, at: '2026-11-20T09:00:00.000Z' });
  await project.labels.flag(samples[3].id, true, '../../etc/passwd, ünïcode', { annotator: 'rev', seconds: 0, at: '2026-11-21T09:00:00.000Z' });
  return { project, photos };
}

async function importInto(photos: string, labelsFrom: 'file' | 'folders', labelsFile?: string): Promise<Project> {
  const project = await Project.create(join(await tempDir(), 'project'));
  const report = await runImport(project, { sources: [photos], labelsFrom, labelsFile });
  expect(report.rejected).toEqual([]);
  expect(report.unmatchedCsvRows).toBe(0);
  return project;
}

const fileName: Record<Exclude<LabelFormatName, 'imagefolder'>, string> = { csv: 'labels.csv', jsonl: 'labels.jsonl', 'label-studio': 'labels.json' };

describe('labels out and back in lose nothing', () => {
  it.each(['csv', 'jsonl', 'label-studio'] as const)('%s: every path, label, annotator, time, seconds, split, flag and comment comes back', async (format) => {
    const { project, photos } = await labeledProject(['cat', 'ça "va" ✓', '../up']);
    const out = join(await tempDir(), fileName[format]);
    await exportLabels(project, format, out);
    const again = await importInto(photos, 'file', out);
    expect(labelRecordsOf(again)).toEqual(labelRecordsOf(project));
    const second = join(await tempDir(), fileName[format]);
    await exportLabels(again, format, second);
    expect(await readFile(second, 'utf8')).toBe(await readFile(out, 'utf8'));
    await project.close();
    await again.close();
  });

  it('imagefolder: train/ val/ test/<class>/ of hard links; importing the folder gives back every label and split', async () => {
    const { project } = await labeledProject(['cat', 'dog', 'ça va ✓']);
    const out = join(await tempDir(), 'dataset');
    const result = await exportLabels(project, 'imagefolder', out);
    const labeled = labelRecordsOf(project).filter((r) => r.label !== null);
    expect(result).toMatchObject({ written: labeled.length, skipped: names.length - labeled.length });
    expect(result.notes[0]).toBe(`${labeled.length} image(s) hard-linked, 0 copied.`);
    const files = await listFiles(out);
    expect(files).toHaveLength(labeled.length);
    for (const r of labeled) expect(files).toContain(`${r.split}/${r.label}/${r.path.split('/').pop()}`);
    expect((await stat(join(out, files[0]))).nlink).toBe(2);

    const again = await importInto(out, 'folders');
    const bySha = (p: Project) => new Map(labelRecordsOf(p).map((r) => [r.sha256, `${r.label} ${r.split}`]));
    expect(bySha(again)).toEqual(new Map(labeled.map((r) => [r.sha256, `${r.label} ${r.split}`])));
    const second = join(await tempDir(), 'dataset');
    await exportLabels(again, 'imagefolder', second);
    expect(await listFiles(second)).toEqual(files);
    await project.close();
    await again.close();
  });
});

describe('hostile values are refused clearly', () => {
  it('a class name that cannot be a folder stops an ImageFolder export before anything is written', async () => {
    const { project } = await labeledProject(['cat', '../up']);
    const out = join(await tempDir(), 'dataset');
    await expect(exportLabels(project, 'imagefolder', out)).rejects.toMatchObject({ code: 'invalid-request', message: expect.stringContaining('The class "../up" holds a slash') });
    await expect(stat(out)).rejects.toMatchObject({ code: 'ENOENT' });
    await project.close();
  });

  it('a Label Studio task with two choices, a bad JSON line or a broken CSV row is named, and nothing is imported', async () => {
    const { project, photos } = await labeledProject(['cat']);
    await project.close();
    const dir = await tempDir();
    const cases: [string, string, RegExp][] = [
      ['ls.json', JSON.stringify([{ data: { image: '/x.png' }, annotations: [{ result: [{ type: 'choices', value: { choices: ['a', 'b'] } }] }] }]), /task 1: it has 2 choices/],
      ['bad.jsonl', '{"path":"/a.png","label":"cat"}\n{"path": 3}\n', /at line 2: path/],
      ['bad.csv', 'path,relative_path,label,annotator,time,seconds,split,flagged,comment,sha256\n/a.png,a.png,cat,,,,sideways,false,,\n', /at line 2: split "sideways"/],
    ];
    for (const [name, text, message] of cases) {
      await writeFile(join(dir, name), text);
      const target = await Project.create(join(await tempDir(), 'project'));
      await expect(runImport(target, { sources: [photos], labelsFrom: 'file', labelsFile: join(dir, name) })).rejects.toMatchObject({ code: 'invalid-request', message });
      expect(target.samples.size).toBe(0);
      await target.close();
    }
  });

  it('relative paths with ../ in a labels file are read from the file\'s folder and match the images', async () => {
    const { project, photos } = await labeledProject(['cat']);
    await project.close();
    const labelsDir = join(await tempDir(), 'labels');
    const rel = relative(labelsDir, join(photos, 'y', 'plain.png'));
    expect(rel.startsWith('..')).toBe(true);
    await writeImage(join(labelsDir, 'unused.png'), 'png', { seed: 999 });
    await writeFile(join(labelsDir, 'l.jsonl'), `${JSON.stringify({ path: rel, label: 'cat' })}\n`);
    const again = await importInto(join(photos, 'y', 'plain.png'), 'file', join(labelsDir, 'l.jsonl'));
    expect(labelRecordsOf(again)[0].label).toBe('cat');
    await again.close();
  });
});

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) if (entry.isFile()) out.push(relative(dir, join(entry.parentPath, entry.name)));
  return out.sort();
}
