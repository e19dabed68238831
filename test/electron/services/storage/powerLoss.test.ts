import { describe, expect, it } from 'vitest';
import { Project } from '../../../../electron/services/project/Project';
import { createClass, updateClass } from '../../../../electron/services/classes/classCatalog';
import { AppendJournal } from '../../../../electron/services/storage/AppendJournal';
import { frameLine } from '../../../../electron/services/storage/journalLines';
import { isDecision } from '../../../../shared/domain/labelJournal';
import { mulberry32 } from '../../../../shared/domain/mulberry32';
import { fakeSample } from '../../../helpers/tempProject';
import { CrashFs, PowerCut } from '../../../helpers/crashFs';

// Every fsync, fdatasync and directory fsync of the storage layer is needed by these tests:
// `node scripts/fsyncMutations.mjs` removes each in turn (they are tagged `fsync:` in the
// code) and checks that this file then fails. docs/STORAGE.md lists the results.

const dir = '/disk/project';
const meta = { annotator: 'ana', seconds: 1 };

/** What the studio told the user was saved before the power went. */
interface Acknowledged {
  created: boolean;
  samples: Set<string>;
  classes: Map<string, string>;
  /** A rename sent but not answered: after the cut either name is right. */
  renaming: { id: string; name: string } | null;
  decisions: { seq: number; sampleId: string; classId: string }[];
}

/** Labels, samples and classes, as a user would make them, with closes and reopens between. */
async function workload(fs: CrashFs, seed: number, acked: Acknowledged): Promise<void> {
  const random = mulberry32(seed);
  const pick = <T,>(list: T[]): T => list[Math.floor(random() * list.length)];
  let project = await Project.create(dir, { classes: [{ name: 'cat' }], fs });
  acked.created = true;
  for (const c of project.doc.classes) acked.classes.set(c.id, c.name);
  let nextSample = 0;
  let nextClass = 0;
  try {
    for (let step = 0; step < 30; step++) {
      const r = random();
      if (r < 0.2 || acked.samples.size === 0) {
        const batch = Array.from({ length: 1 + Math.floor(random() * 5) }, () => fakeSample(nextSample++));
        await project.samples.add(batch);
        for (const s of batch) acked.samples.add(s.id);
      } else if (r < 0.3) {
        const created = await createClass(project, { name: `class ${nextClass++}` });
        acked.classes.set(created.id, created.name);
      } else if (r < 0.35) {
        const id = pick([...acked.classes.keys()]);
        acked.renaming = { id, name: `renamed ${step}` };
        await updateClass(project, id, { name: acked.renaming.name });
        acked.classes.set(id, acked.renaming.name);
        acked.renaming = null;
      } else if (r < 0.4) {
        await project.close();
        project = await Project.open(dir, { fs });
      } else {
        const classes = [...acked.classes.keys()];
        const samples = [...acked.samples];
        // A few labels in flight at once, as fast typing sends them.
        await Promise.all(
          Array.from({ length: 1 + Math.floor(random() * 4) }, async () => {
            const sampleId = pick(samples);
            const classId = pick(classes);
            const decision = await project.labels.setClass(sampleId, classId, meta);
            acked.decisions.push({ seq: decision.seq, sampleId, classId });
          }),
        );
      }
    }
  } finally {
    await project.close().catch(() => undefined); // after a cut: forgets the lock, like a dead process
  }
}

function isPowerCut(error: unknown): boolean {
  for (let e = error; e; e = (e as { cause?: unknown }).cause) if (e instanceof PowerCut) return true;
  return false;
}

function emptyAcknowledged(): Acknowledged {
  return { created: false, samples: new Set(), classes: new Map(), renaming: null, decisions: [] };
}

async function cutAndCheck(seed: number, cutAt: number): Promise<void> {
  const fs = new CrashFs(cutAt, seed, CrashFs.folders('/disk'));
  const acked = emptyAcknowledged();
  await workload(fs, seed, acked).catch((error: unknown) => {
    if (!isPowerCut(error)) throw error; // anything else is a bug, not the power cut
  });
  if (!acked.created) return; // the cut came before the project existed
  const project = await Project.open(dir, { fs: fs.afterReboot() });
  const where = `seed ${seed}, power cut at change ${cutAt}`;
  try {
    for (const id of acked.samples) expect(project.samples.get(id), `${where}: acknowledged sample ${id}`).toBeDefined();
    for (const [id, name] of acked.classes) {
      const names = acked.renaming?.id === id ? [name, acked.renaming.name] : [name];
      expect(names, `${where}: acknowledged class ${id}`).toContain(project.doc.classes.find((c) => c.id === id)?.name);
    }
    const bySeq = new Map(project.labels.book.decisions.filter(isDecision).map((d) => [d.seq, d]));
    for (const a of acked.decisions) {
      expect(bySeq.get(a.seq), `${where}: acknowledged label ${a.seq}`).toMatchObject({ sampleId: a.sampleId, after: { classId: a.classId } });
    }
    expect(project.notices.filter((n) => n.level === 'warning'), `${where}: warnings after a power cut`).toEqual([]);
  } finally {
    await project.close();
  }
}

describe('a power cut at any moment (a file system that keeps only what was fsync’d)', () => {
  it('every acknowledged label, sample and class survives, at 240 random cut points', { timeout: 240_000 }, async () => {
    for (let seed = 1; seed <= 12; seed++) {
      const dry = new CrashFs(Infinity, seed, CrashFs.folders('/disk'));
      await workload(dry, seed, emptyAcknowledged());
      const random = mulberry32(seed * 31);
      for (let i = 0; i < 20; i++) await cutAndCheck(seed, 1 + Math.floor(random() * dry.changes));
    }
  });

  it('without a power cut, what a clean shutdown leaves is all there (the test sees the acknowledged work)', async () => {
    const fs = new CrashFs(Infinity, 1, CrashFs.folders('/disk'));
    const acked = emptyAcknowledged();
    await workload(fs, 5, acked);
    expect(acked.decisions.length).toBeGreaterThan(10);
    expect(acked.samples.size).toBeGreaterThan(5);
    const project = await Project.open(dir, { fs: fs.afterReboot() });
    expect(project.labels.book.decisions.length).toBe(acked.decisions.length);
    await project.close();
  });
});

describe('a power cut while a damaged journal is repaired on opening', () => {
  const path = `${dir}/log.jsonl`;
  const parse = (j: unknown) => j as { n: number };
  const lines = Array.from({ length: 6 }, (_, n) => frameLine({ n }));

  /** A disk holding the journal with `bad` in place of line 3 (or after the last line). */
  async function diskWith(bad: string, atEnd: boolean): Promise<CrashFs> {
    const fs = new CrashFs(Infinity, 1, CrashFs.folders('/disk', dir));
    const file = await fs.open(path, 'replace');
    const content = atEnd ? [...lines, bad] : [...lines.slice(0, 2), bad, ...lines.slice(3)];
    await file.write(Buffer.from(content.join('')));
    await file.datasync();
    await fs.syncDirectory(dir);
    return fs.afterReboot();
  }

  const cases = [
    { what: 'a damaged line in the middle', bad: lines[2].replace('"n":2', '"n":9'), atEnd: false },
    { what: 'an unfinished last write', bad: frameLine({ n: 77 }).slice(0, 14), atEnd: true },
  ];
  for (const { what, bad, atEnd } of cases) {
    it(`${what} is always in the journal or its .damaged file, and no good or new record is lost`, async () => {
      const good = atEnd ? lines : [...lines.slice(0, 2), ...lines.slice(3)];
      const base = await diskWith(bad, atEnd);
      const session = async (fs: CrashFs, acked: number[]) => {
        const { journal } = await AppendJournal.open(path, { parse, fs });
        for (const n of [100, 101]) {
          await journal.append({ n });
          acked.push(n);
        }
        await journal.close();
      };
      const dry = base.copyWithCutAt(Infinity);
      await session(dry, []);
      // Every cut point, the end included, each with a few draws of what the disk kept.
      const runs = Array.from({ length: dry.changes + 1 }, (_, i) => [1, 2, 3, 4].map((draw) => ({ cut: i === dry.changes ? Infinity : i + 1, draw }))).flat();
      for (const { cut, draw } of runs) {
        const fs = base.copyWithCutAt(cut, 100 * draw + (Number.isFinite(cut) ? cut : 99));
        const acked: number[] = [];
        await session(fs, acked).catch((error: unknown) => {
          if (!isPowerCut(error)) throw error;
        });
        const after = fs.afterReboot();
        const journal = (await after.readFile(path)).toString();
        const aside = (await after.kind(`${path}.damaged`)) ? (await after.readFile(`${path}.damaged`)).toString() : '';
        expect(journal.includes(bad) || aside.includes(bad.trimEnd()), `cut at change ${cut}: the damaged bytes are kept`).toBe(true);
        for (const line of good) expect(journal, `cut at change ${cut}: a good record`).toContain(line);
        for (const n of acked) expect(journal, `cut at change ${cut}: an acknowledged record`).toContain(frameLine({ n }));
      }
    });
  }
});
