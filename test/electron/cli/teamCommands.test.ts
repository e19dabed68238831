import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { CliCommand } from '../../../electron/cli/command';
import { reviewCommand } from '../../../electron/cli/commands/review';
import { samplesCommand } from '../../../electron/cli/commands/samples';
import { teamCommand } from '../../../electron/cli/commands/team';
import { undoCommand } from '../../../electron/cli/commands/undo';
import { Project } from '../../../electron/services/project/Project';
import { projectWithSamples } from '../../helpers/tempProject';

// The team commands as a script would run them: JSON on stdout, and an exit status that
// tells a conflict from a success. A few run as real processes (the exit status); the rest
// run in this process, the same command objects without the start-up cost.

const run = promisify(execFile);
const repo = join(import.meta.dirname, '..', '..', '..');
interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}
const studio = (...args: string[]): Promise<Ran> =>
  run(process.execPath, ['--import', 'tsx', 'electron/cli/index.ts', ...args], { cwd: repo, encoding: 'utf8' }).then(
    (r) => ({ code: 0, ...r }),
    (e: Ran) => e,
  );

async function inProcess<R>(command: CliCommand<R>, dir: string, values: Record<string, string | string[]> = {}) {
  const result = await command.run({ positionals: [dir], values, json: true, progress: () => undefined, signal: new AbortController().signal });
  return { result, code: command.exitCode?.(result) ?? 0, text: command.format?.(result) ?? '' };
}

describe('studio label / undo / review / samples / agreement (CLI)', () => {
  it("label --annotator over someone else's label reports a conflict in JSON and exit status 3; undo explains who changed it since", async () => {
    const { project, dir, samples } = await projectWithSamples(3, ['coat', 'shirt']);
    await project.close();
    const id = samples[0].id;

    const alice = await studio('label', dir, '--sample', id, '--class', 'coat', '--annotator', 'alice', '--json');
    expect(alice.code).toBe(0);
    expect(JSON.parse(alice.stdout)).toMatchObject({ outcome: 'labeled', annotator: 'alice' });

    const bob = await studio('label', dir, '--sample', id, '--class', 'shirt', '--annotator', 'bob', '--json');
    expect(bob.code).toBe(3);
    expect(JSON.parse(bob.stdout)).toMatchObject({ outcome: 'conflict', answer: expect.any(String), conflict: { annotator: 'alice' } });

    const conflicts = await inProcess(samplesCommand, dir, { filter: 'conflict' });
    expect(conflicts.result.map((s) => s.id)).toEqual([id]);

    // alice's decision is no longer the current one: bob's answer came after it
    const refused = await studio('undo', dir, '--annotator', 'alice', '--json');
    expect(refused.code).toBe(3);
    expect(JSON.parse(refused.stdout)).toMatchObject({ undo: null, changedSince: { by: 'bob', sampleId: id } });
    const again = await inProcess(undoCommand, dir, { annotator: 'alice' });
    expect(again.text).toMatch(/^Not undone: bob answered differently on this image since your decision/);

    const undone = await inProcess(undoCommand, dir, { annotator: 'bob' });
    expect(undone.code).toBe(0);
    expect(undone.result.undo).toMatchObject({ kind: 'undo', sampleId: id });
    const reopened = await Project.open(dir, { readOnly: true });
    expect(reopened.labels.stateOf(id).needsReview).toBeUndefined();
    await reopened.close();
  }, 180_000); // four real CLI processes on a busy machine

  it('a reviewer settles a conflict with review; the image is then listed as reviewed; a non-reviewer is refused', async () => {
    const { project, dir, samples } = await projectWithSamples(2, ['coat', 'shirt']);
    await project.close();
    const id = samples[1].id;
    const reopened = await Project.open(dir);
    const [coat, shirt] = reopened.doc.classes;
    await reopened.labels.setClass(id, coat.id, { annotator: 'alice', seconds: 0 });
    await reopened.labels.setClass(id, shirt.id, { annotator: 'bob', seconds: 0 });
    await reopened.close();

    const notYet = await studio('review', dir, '--sample', id, '--class', 'shirt', '--reviewer', 'rita');
    expect(notYet.code).toBe(1);
    expect(notYet.stderr).toMatch(/rita is not a reviewer in this project/);

    const team = await inProcess(teamCommand, dir, { role: ['rita=reviewer'], overlap: '0.2' });
    expect(team.result).toMatchObject({ members: [{ name: 'rita', role: 'reviewer' }], overlap: { rate: 0.2 } });
    const verdict = await inProcess(reviewCommand, dir, { sample: id, class: 'shirt', reviewer: 'rita' });
    expect(verdict.result).toMatchObject({ final: true, annotator: 'rita', after: { classId: shirt.id, reviewed: { by: 'rita' } } });
    expect((await inProcess(samplesCommand, dir, { filter: 'reviewed' })).result).toEqual([expect.objectContaining({ id, label: 'shirt' })]);
    expect((await inProcess(samplesCommand, dir, { filter: 'conflict' })).result).toEqual([]);

    await expect(inProcess(teamCommand, dir, { role: ['rita=boss'] })).rejects.toThrow('--role takes NAME=annotator, NAME=reviewer or NAME=none, not "rita=boss".');
  });

  it('agreement --json reports alpha, kappa per pair and the confusion matrix over images two people answered', async () => {
    const { project, dir, samples } = await projectWithSamples(12, ['cat', 'dog']);
    const [cat, dog] = project.doc.classes;
    // 12 images answered by both: they agree on 10 (5 cat, 5 dog), differ on 2
    for (const [i, s] of samples.entries()) {
      const a = i < 6 ? cat.id : dog.id;
      const b = i === 0 ? dog.id : i === 6 ? cat.id : a;
      await project.labels.setClass(s.id, a, { annotator: 'ann', seconds: 1, basedOn: 0 });
      await project.labels.setClass(s.id, b, { annotator: 'ben', seconds: 1, basedOn: 0 });
    }
    await project.close();
    const { stdout, code } = await studio('agreement', dir, '--json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ items: 12, classNames: ['cat', 'dog'], minItems: 10 });
    // kappa: observed 10/12, expected 0.5 → (10/12 − 0.5) / 0.5
    expect(report.pairs).toEqual([expect.objectContaining({ a: 'ann', b: 'ben', items: 12, confusion: [[5, 1], [1, 5]] })]);
    expect(report.pairs[0].kappa).toBeCloseTo((10 / 12 - 0.5) / 0.5, 10);
    // alpha by hand: o_cd = o_dc = 2, n_c = n_d = 12, n = 24 → 1 − 23·4 / (2·12·12)
    expect(report.alpha).toBeCloseTo(1 - (23 * 4) / 288, 10);
    expect(report.perClass.map((c: { items: number }) => c.items)).toEqual([7, 7]);
    expect(report.model).toEqual({ runId: null, people: [] });
  });
});
