import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { createDemoProject } from '../../../../electron/services/demo';
import { Project } from '../../../../electron/services/project/Project';
import { hammingHex } from '../../../../shared/domain/dhash';
import { makeTempDir, removeDir } from '../../../helpers/images';
import { LoopStore } from '../../../../electron/services/loop/LoopStore';
import { BUILTIN_MOBILENET_ID } from '../../../../shared/ml/builtinNetworks';

let root: string;

beforeEach(async () => {
  root = await makeTempDir();
});
afterEach(async () => {
  await removeDir(root);
});

describe('the offline demo project', () => {
  it('has four classes with guidelines and examples, some images labeled, most not, and duplicates reported', async () => {
    const dir = join(root, 'demo');
    const { project, report } = await createDemoProject(dir);
    try {
      expect(project.doc.classes.map((c) => c.name)).toEqual(['circle', 'square', 'triangle', 'star']);
      for (const c of project.doc.classes) {
        expect(c.guideline.length).toBeGreaterThan(80);
        expect(c.examples.length).toBeGreaterThanOrEqual(2);
        expect(c.examples.length).toBeLessThanOrEqual(3);
        for (const id of c.examples) expect(project.samples.get(id)).toBeDefined();
      }
      expect(project.samples.size).toBeGreaterThanOrEqual(240);
      expect(report.rejected).toEqual([]);
      expect(report.duplicates.length).toBeGreaterThanOrEqual(2);
      expect(report.duplicates[0].path).toMatch(/_copy\.png$/);

      const labeled = project.samples.all.filter((s) => project.labels.stateOf(s.id).classId !== null);
      expect(labeled.length).toBe(report.labeled);
      expect(labeled.length / project.samples.size).toBeGreaterThan(0.25);
      expect(labeled.length / project.samples.size).toBeLessThan(0.4);
      // The loop starts on the built-in pretrained backbone, proposed for these colour pictures.
      expect((await LoopStore.open(project)).settings.backboneId).toBe(BUILTIN_MOBILENET_ID);

      const sample = project.samples.all[0];
      expect(await sharp(sample.path).metadata()).toMatchObject({ width: 128, height: 128, format: 'png' });
      expect(new Set(project.samples.all.map((s) => s.split))).toEqual(new Set(['train', 'val', 'test']));
    } finally {
      await project.close();
    }
  });

  it('keeps its near-duplicates in the split of their originals', async () => {
    const { project } = await createDemoProject(join(root, 'demo'), { size: 'small' });
    try {
      const all = project.samples.all;
      let pairs = 0;
      for (let i = 0; i < all.length; i++) {
        for (let j = i + 1; j < all.length; j++) {
          if (hammingHex(all[i].dhash, all[j].dhash) <= 4) {
            pairs++;
            expect(all[j].split).toBe(all[i].split);
          }
        }
      }
      expect(pairs).toBeGreaterThanOrEqual(3);
    } finally {
      await project.close();
    }
  });

  it('is the same project for the same seed, and reopens with its labels', async () => {
    const a = await createDemoProject(join(root, 'a'), { size: 'small', seed: 7 });
    const b = await createDemoProject(join(root, 'b'), { size: 'small', seed: 7 });
    const c = await createDemoProject(join(root, 'c'), { size: 'small', seed: 8 });
    const fingerprint = (p: Project) => p.samples.all.map((s) => `${s.relativePath}:${s.id}:${s.split}:${s.importedLabel}`);
    try {
      expect(fingerprint(a.project)).toEqual(fingerprint(b.project));
      expect(fingerprint(a.project)).not.toEqual(fingerprint(c.project));
    } finally {
      await Promise.all([a.project.close(), b.project.close(), c.project.close()]);
    }
    const reopened = await Project.open(join(root, 'a'), { readOnly: true });
    expect(reopened.labels.book.states.size).toBe(a.report.labeled);
    await reopened.close();
    expect(await readdir(join(root, 'a', 'images'))).toContain('labels.csv');
  });

  it('refuses a folder that is not empty', async () => {
    const dir = join(root, 'busy');
    const { project } = await createDemoProject(dir, { size: 'small' });
    await project.close();
    await expect(createDemoProject(dir, { size: 'small' })).rejects.toMatchObject({ code: 'conflict' });
  });
});
