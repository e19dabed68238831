import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStudio, type Studio } from '../../../../electron/services/studio';
import type { EventName, EventOf, RequestName, RequestOf, ResponseOf } from '../../../../shared/contract';
import { Project } from '../../../../electron/services/project/Project';
import type { Sample } from '../../../../shared/domain/records';
import type { Split } from '../../../../shared/contract/schemas';
import { classImage, sampleFor, type MlProject } from '../ml/mlFixtures';

// One real studio per test file (its ML worker starts once and serves every test); each
// test opens its own project in it. Projects are real folders of learnable images.

export interface LoopStudio extends Studio {
  root: string;
  call<K extends RequestName>(channel: K, request: RequestOf<K>): Promise<ResponseOf<K>>;
  /** Resolves with the first event on `channel` (after now) that `matches`. */
  next<K extends EventName>(channel: K, matches?: (payload: EventOf<K>) => boolean, timeoutMs?: number): Promise<EventOf<K>>;
  /** Every event since the last `open`, in order. */
  seen: { channel: EventName; payload: unknown }[];
  /** Makes a project of learnable images (nothing labeled) and opens it in the studio. */
  open(options?: { classes?: string[]; perClass?: number }): Promise<MlProject>;
  close(): Promise<void>;
}

export async function loopStudio(options: { testHooks?: boolean; queue?: { clock?: () => number; leaseMs?: number } } = {}): Promise<LoopStudio> {
  const root = await mkdtemp(join(tmpdir(), 'studio-loop-'));
  const env = options.testHooks ? { STUDIO_ML_TEST_HOOKS: '1' } : {};
  const studio = await createStudio({ mode: 'browser', version: '0.0.0-test', configDir: join(root, 'config'), ml: { cacheDir: join(root, 'cache'), worker: { env, onLog: () => undefined } }, queue: options.queue });
  const seen: LoopStudio['seen'] = [];
  studio.events.subscribe((channel, payload) => seen.push({ channel, payload }));
  const call: LoopStudio['call'] = async (channel, request) => {
    const result = await studio.registry.dispatch(channel, request, { transport: 'test' });
    if (!result.ok) throw Object.assign(new Error(`${channel}: ${result.error.code}: ${result.error.message}`), result.error);
    return result.value as never;
  };
  const next: LoopStudio['next'] = (channel, matches = () => true, timeoutMs = 20_000) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        stop();
        reject(new Error(`no ${channel} event within ${timeoutMs} ms`));
      }, timeoutMs);
      const stop = studio.events.subscribe((c, payload) => {
        if (c !== channel || !matches(payload as never)) return;
        clearTimeout(timer);
        stop();
        resolve(payload as never);
      });
    });
  let made = 0;
  const open: LoopStudio['open'] = async (projectOptions = {}) => {
    const fixture = await learnableProject(join(root, `p${made++}`), projectOptions);
    await fixture.project.close();
    await call('project:open', { dir: fixture.dir });
    seen.length = 0;
    return { ...fixture, project: studio.host.requireProject() };
  };
  const close = async () => {
    await studio.dispose();
    // Preview images warmed by queue:next may still be landing: retry the removal.
    await rm(root, { recursive: true, force: true, maxRetries: 5 });
  };
  return Object.assign(studio, { root, call, next, seen, open, close });
}

const splitCycle: Split[] = ['train', 'train', 'train', 'val', 'test'];

/** Like the ML tests' mlProject, but in a folder this file's studio owns, and nothing labeled. */
async function learnableProject(root: string, options: { classes?: string[]; perClass?: number }): Promise<MlProject> {
  const classes = options.classes ?? ['red', 'blue'];
  const dir = join(root, 'project');
  const project = await Project.create(dir, { classes: classes.map((name) => ({ name })) });
  const samples: Sample[] = [];
  const truth = new Map<string, number>();
  for (let k = 0, n = 0; k < (options.perClass ?? 10); k++) {
    for (let c = 0; c < classes.length; c++, n++) {
      const path = await classImage(join(root, 'images', `${classes[c]}-${k}.png`), c, 100 + n);
      samples.push(await sampleFor(path, splitCycle[n % splitCycle.length], n));
      truth.set(samples[samples.length - 1].id, c);
    }
  }
  await project.samples.add(samples);
  return { project, dir, samples, truth };
}
