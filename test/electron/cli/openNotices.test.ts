import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createClass } from '../../../electron/services/classes/classCatalog';
import { projectWithSamples } from '../../helpers/tempProject';

const run = promisify(execFile);
const repo = join(import.meta.dirname, '..', '..', '..');
const studio = (...args: string[]) => run('npx', ['tsx', 'electron/cli/index.ts', ...args], { cwd: repo, encoding: 'utf8' });
const failure = (...args: string[]) =>
  studio(...args).then(
    () => expect.fail(`studio ${args.join(' ')} should have failed`),
    (error: { code: number; stderr: string }) => error,
  );

/** A project with a class created last and 17 labels of it, as in the report that found the bug. */
async function projectWithLatestClass(): Promise<string> {
  const { project, dir, samples } = await projectWithSamples(20, ['cat']);
  const zebra = await createClass(project, { name: 'zebra' });
  for (const s of samples.slice(0, 17)) await project.labels.setClass(s.id, zebra.id, { annotator: 'ana', seconds: 1 });
  await project.close();
  return dir;
}

describe('the CLI shows what opening a project found', () => {
  it('`status --json` carries the notices, and the text form prints them to stderr', async () => {
    const dir = await projectWithLatestClass();
    const text = await readFile(join(dir, 'studio.json'), 'utf8');
    // 40 bytes of "z" pasted over the end of one class: still JSON, the classes merged.
    const zebraAt = text.indexOf('{"id":"c_', text.indexOf('"zebra"') - 80);
    await writeFile(join(dir, 'studio.json'), `${text.slice(0, zebraAt)}${'z'.repeat(40)}${text.slice(zebraAt + 40)}`);

    const { stdout, stderr } = await studio('status', dir, '--json');
    const status = JSON.parse(stdout);
    expect(status.notices).toHaveLength(1);
    expect(status.notices[0].message).toMatch(/studio.json was damaged \((not valid JSON|checksum mismatch[^)]*)\); showing generation \d+/);
    expect(stderr).toContain(status.notices[0].message);

    const repaired = await studio('repair', dir, '--json');
    const result = JSON.parse(repaired.stdout);
    expect(result).toMatchObject({ samples: 20, labels: 17, classes: 2 });
    expect(result.notices[0].message).toMatch(/restored generation/);
    const again = await studio('status', dir, '--json');
    expect(JSON.parse(again.stdout)).toMatchObject({ labeled: 17, notices: [] });
  });

  it('a deleted labels.jsonl is not an empty project: opening stops, and --accept-loss says what is lost', async () => {
    const dir = await projectWithLatestClass();
    await rm(join(dir, 'labels.jsonl'));

    const refused = await failure('label', dir, '--sample', 'x', '--class', 'cat');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/labels.jsonl holds 0 of the 17 label records studio.json lists: it was deleted, emptied or cut short. Nothing was changed./);
    expect(refused.stderr).toMatch(/studio repair DIR --accept-loss/);

    const looked = await studio('status', dir, '--json');
    expect(JSON.parse(looked.stdout).notices[0].message).toMatch(/labels.jsonl holds only 0 of the 17 label records .* Nothing was changed/);

    const accepted = await studio('repair', dir, '--accept-loss', '--json');
    expect(JSON.parse(accepted.stdout).notices.map((n: { message: string }) => n.message)).toContain(
      'labels.jsonl held 0 of the 17 label records studio.json lists; as you chose, the project goes on with those: 17 label records are lost.',
    );
    const after = await studio('status', dir, '--json');
    expect(JSON.parse(after.stdout)).toMatchObject({ labeled: 0, notices: [] });
  });
});
