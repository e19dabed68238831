import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Project } from '../../../../electron/services/project/Project';
import { createClass } from '../../../../electron/services/classes/classCatalog';
import { fakeSample } from '../../../helpers/tempProject';
import { smallDisk, type SmallDisk } from '../../../helpers/smallDisk';
import { CrashFs } from '../../../helpers/crashFs';
import { isDecision } from '../../../../shared/domain/labelJournal';
import { mulberry32 } from '../../../../shared/domain/mulberry32';

const meta = { annotator: 'ana', seconds: 1 };
let disk: SmallDisk | null = null;
let n = 0;

beforeAll(async () => {
  disk = await smallDisk();
});
afterEach(async () => {
  await disk?.free();
});
afterAll(async () => {
  await disk?.dispose();
});

/** Runs `work`, expecting the studio to say the disk is full. */
async function diskFull(work: () => Promise<unknown>): Promise<{ message: string }> {
  const error = await work().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, 'the write on a full disk was refused').not.toBeNull();
  expect(error).toMatchObject({ code: 'disk-full' });
  expect((error as Error).message).toMatch(/The disk is full: free space and try again; nothing was lost/);
  return error as { message: string };
}

describe.skipIf(process.getuid?.() !== 0)('a full disk (a real 3 MB tmpfs)', () => {
  it('an import batch that hits a full disk saves none of it, and later batches all survive a restart', async () => {
    if (!disk) return expect.fail('could not mount a tmpfs although running as root');
    const dir = join(disk.dir, `p${n++}`);
    const project = await Project.create(dir, { classes: [{ name: 'cat' }] });
    await project.samples.add(Array.from({ length: 5 }, (_, i) => fakeSample(i)));
    await disk.fill();
    const failed = await diskFull(() => project.samples.add(Array.from({ length: 40 }, (_, i) => fakeSample(100 + i))));
    expect(failed.message).toMatch(/none of the 40 samples/i);
    expect(project.samples.size).toBe(5);
    await disk.free();
    await project.samples.add(Array.from({ length: 10 }, (_, i) => fakeSample(200 + i)));
    await project.close();

    const reopened = await Project.open(dir);
    expect(reopened.samples.size).toBe(15);
    expect(reopened.notices).toEqual([]);
    await reopened.close();
  });

  it('a class created on a full disk is not kept in memory; labels stop at the full disk and every one acknowledged survives', async () => {
    if (!disk) return expect.fail('could not mount a tmpfs although running as root');
    const dir = join(disk.dir, `p${n++}`);
    const project = await Project.create(dir, { classes: [{ name: 'cat' }] });
    const samples = Array.from({ length: 400 }, (_, i) => fakeSample(i));
    await project.samples.add(samples);
    const [cat] = project.doc.classes;
    await project.labels.setClass(samples[0].id, cat.id, meta);
    await disk.fill();
    const failed = await diskFull(() => createClass(project, { name: 'zebra' }));
    expect(failed.message).toMatch(/The class "zebra" was not created/);
    expect(project.doc.classes.map((c) => c.name)).toEqual(['cat']);

    // The journal's last page may still have room: label until the disk refuses one.
    let acknowledged = 1;
    let refused: string | null = null;
    for (const s of samples.slice(1)) {
      const result = await project.labels.setClass(s.id, cat.id, meta).then(
        () => null,
        (e: unknown) => e,
      );
      if (result === null) acknowledged++;
      else {
        expect(result).toMatchObject({ code: 'disk-full', message: expect.stringMatching(/This label was not saved\. Every label shown as saved before it is safe\./) });
        refused = s.id;
        break;
      }
    }
    expect(refused, 'the disk refused a label before 400').not.toBeNull();
    expect(project.labels.stateOf(refused!).classId).toBeNull();
    await diskFull(() => project.labels.setClass(refused!, cat.id, meta)); // still full: still refused, nothing half-written

    await disk.free();
    const zebra = await createClass(project, { name: 'zebra' });
    const later = samples.slice(acknowledged + 1, acknowledged + 6);
    for (const s of later) await project.labels.setClass(s.id, zebra.id, meta);
    await project.close();

    const reopened = await Project.open(dir);
    expect(reopened.doc.classes.map((c) => c.name)).toEqual(['cat', 'zebra']);
    expect(reopened.labels.book.countByClass().get(cat.id)).toBe(acknowledged);
    expect(reopened.labels.book.countByClass().get(zebra.id)).toBe(5);
    expect(reopened.labels.stateOf(refused!).classId).toBeNull();
    expect(reopened.notices).toEqual([]);
    await reopened.close();
  });
});

/** What a workload was told was saved, and what it was told was not. */
interface Told {
  created: boolean;
  samples: Set<string>;
  classes: Set<string>;
  decisions: Map<number, { sampleId: string; classId: string }>;
  refused: number;
}

/** Samples, classes and labels, each step going on after a refused write as a user would. */
async function keepWorking(fs: CrashFs, told: Told): Promise<Project | null> {
  const random = mulberry32(7);
  let project: Project;
  try {
    project = await Project.create('/disk/project', { classes: [{ name: 'cat' }], fs });
  } catch (error) {
    expect(error).toMatchObject({ code: 'disk-full' });
    return null;
  }
  told.created = true;
  for (const c of project.doc.classes) told.classes.add(c.id);
  const refusedWith = (error: unknown, what: RegExp) => {
    expect(error).toMatchObject({ code: 'disk-full', message: expect.stringMatching(what) });
    told.refused++;
  };
  let next = 0;
  for (let step = 0; step < 24; step++) {
    const r = random();
    if (r < 0.25 || told.samples.size === 0) {
      const batch = Array.from({ length: 3 }, () => fakeSample(next++));
      await project.samples.add(batch).then(
        () => batch.forEach((s) => told.samples.add(s.id)),
        (e: unknown) => refusedWith(e, /None of the 3 samples of this batch were saved/),
      );
    } else if (r < 0.35) {
      await createClass(project, { name: `class ${step}` }).then(
        (c) => told.classes.add(c.id),
        (e: unknown) => refusedWith(e, /The class "class \d+" was not created/),
      );
    } else {
      const samples = [...told.samples];
      const classes = [...told.classes];
      await Promise.all(
        [0, 1].map(async () => {
          const sampleId = samples[Math.floor(random() * samples.length)];
          const classId = classes[Math.floor(random() * classes.length)];
          await project.labels.setClass(sampleId, classId, meta).then(
            (d) => told.decisions.set(d.seq, { sampleId, classId }),
            (e: unknown) => refusedWith(e, /This label was not saved/),
          );
        }),
      );
    }
  }
  return project;
}

describe('the disk found full at each write in turn (injected ENOSPC, then the power goes)', () => {
  it('what was acknowledged is all there after a restart, and nothing refused is counted', { timeout: 120_000 }, async () => {
    const dry = new CrashFs(Infinity, 1, CrashFs.folders('/disk'));
    await keepWorking(dry, { created: false, samples: new Set(), classes: new Set(), decisions: new Map(), refused: 0 });
    let refusals = 0;
    for (let full = 1; full <= dry.writes; full++) {
      const fs = new CrashFs(Infinity, full, CrashFs.folders('/disk'));
      fs.fullAtWrite = full;
      fs.unsynced = 'all'; // the worst case: every byte the failed write got out is on the disk
      const told: Told = { created: false, samples: new Set(), classes: new Set(), decisions: new Map(), refused: 0 };
      const project = await keepWorking(fs, told);
      refusals += told.refused;
      if (!project) continue; // the project itself could not be created: nothing to check
      // Close (it lets go of the lock), then the power goes: whatever was not synced is lost.
      await project.close().catch(() => undefined);
      const reopened = await Project.open('/disk/project', { fs: fs.afterReboot() });
      const where = `disk full at write ${full}`;
      try {
        expect(new Set(reopened.samples.all.map((s) => s.id)), where).toEqual(told.samples);
        expect(new Set(reopened.doc.classes.map((c) => c.id)), where).toEqual(told.classes);
        const decisions = reopened.labels.book.decisions.filter(isDecision);
        expect(new Map(decisions.map((d) => [d.seq, { sampleId: d.sampleId, classId: d.after.classId }])), where).toEqual(told.decisions);
        expect(reopened.notices.filter((n) => n.level === 'warning'), where).toEqual([]);
      } finally {
        await reopened.close();
      }
    }
    expect(refusals, 'writes the full disk refused').toBeGreaterThan(dry.writes / 2);
  });
});
