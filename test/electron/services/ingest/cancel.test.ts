import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Project } from '../../../../electron/services/project/Project';
import { runImport } from '../../../../electron/services/ingest';
import type { ImportProgress } from '../../../../shared/contract/imports';
import { classFolderTree, makeTempDir, removeDir } from '../../../helpers/images';

let root: string;
let projectDir: string;

beforeEach(async () => {
  root = await makeTempDir();
  projectDir = join(root, 'project');
});
afterEach(async () => {
  await removeDir(root);
});

describe('cancelling an import', () => {
  it('stops soon, keeps every committed sample, and the reopened project shows them', async () => {
    const dir = join(root, 'many');
    await classFolderTree(dir, { a: 150 }, { size: 160 });
    const project = await Project.create(projectDir);
    const controller = new AbortController();
    const watch = setInterval(() => {
      if (project.samples.size >= 20) controller.abort();
    }, 2);
    const report = await runImport(project, { sources: [dir], labelsFrom: 'none' }, { signal: controller.signal, limits: { batchSize: 10 } }).finally(() =>
      clearInterval(watch),
    );
    expect(report.cancelled).toBe(true);
    expect(report.imported).toBe(project.samples.size);
    expect(report.imported).toBeGreaterThanOrEqual(20);
    expect(report.imported).toBeLessThan(120);
    const ids = project.samples.all.map((s) => s.id);
    await project.close();

    const reopened = await Project.open(projectDir);
    try {
      expect(reopened.samples.all.map((s) => s.id)).toEqual(ids);
      const again = await runImport(reopened, { sources: [dir], labelsFrom: 'none' });
      expect(again.imported + again.duplicates.length).toBe(150);
      expect(again.duplicates).toHaveLength(ids.length);
    } finally {
      await reopened.close();
    }
  });

  it('reports progress through scanning, importing and finishing, with totals', async () => {
    const dir = join(root, 'few');
    await classFolderTree(dir, { a: 30 }, { size: 200 });
    const project = await Project.create(projectDir);
    const events: ImportProgress[] = [];
    try {
      await runImport(project, { sources: [dir], labelsFrom: 'none' }, { jobId: 'job-1', onProgress: (p) => events.push(p) });
    } finally {
      await project.close();
    }
    expect(events[0]).toMatchObject({ jobId: 'job-1', phase: 'scanning' });
    expect(events.at(-1)).toMatchObject({ phase: 'finishing', done: 30, total: 30, imported: 30 });
    expect(events.some((e) => e.phase === 'importing')).toBe(true);
    expect(events.length).toBeLessThan(40);
  });
});
