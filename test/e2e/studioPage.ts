import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { writeImage } from '../helpers/images';
import { launchChromium, serveStudio, type ServedStudio } from './harness';

// Helpers the renderer's end-to-end tests share: real images on disk, the CLI as a second
// witness of what the studio stored, and waits on what the user sees (never sleeps).

const root = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

/** Writes `count` distinct PNGs named `${prefix}${i}.png` into `dir`. */
export async function writeImages(dir: string, count: number, options: { prefix?: string; seed?: number; width?: number; height?: number } = {}): Promise<string[]> {
  const paths: string[] = [];
  for (let i = 0; i < count; i++) {
    const name = `${options.prefix ?? 'img'}${String(i).padStart(2, '0')}.png`;
    paths.push(await writeImage(join(dir, name), 'png', { seed: (options.seed ?? 100) + i, width: options.width ?? 96, height: options.height ?? 72 }));
  }
  return paths;
}

/** Runs `studio <args> --json` as a user would, with the test's settings folder. */
export async function studioCli<T>(args: string[], configDir: string): Promise<T> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', join(root, 'electron/cli/index.ts'), ...args, '--json'], {
    cwd: root,
    env: { ...process.env, STUDIO_CONFIG_DIR: configDir },
  });
  return JSON.parse(stdout) as T;
}

/** The rows of the "Last decisions" list. */
export const decisionRows = (page: Page) => page.getByRole('list', { name: 'Last decisions' }).getByRole('listitem');

/** The file name the labeling view shows over the image. */
export async function shownFileName(page: Page): Promise<string> {
  return (await page.getByLabel('Image details').locator('.caption-name').textContent()) ?? '';
}

/** Waits until the labeling view shows a different image than `before`. */
export async function waitForNextImage(page: Page, before: string): Promise<string> {
  await page.waitForFunction((name) => document.querySelector('.caption-name')?.textContent !== name, before);
  return shownFileName(page);
}

/** Waits until the newest decision says it is saved (the studio answered that it is on disk). */
export async function waitForNewestSaved(page: Page, text: string | RegExp): Promise<void> {
  await decisionRows(page).first().filter({ hasText: text }).filter({ hasText: '✓ saved' }).waitFor();
}

/** Waits for the text anywhere on the page. */
export async function waitForText(page: Page, text: string | RegExp): Promise<void> {
  await page.getByText(text).first().waitFor();
}

/**
 * A demo project (made by the CLI, as a user would) served in browser mode, with Chromium,
 * for one describe block: both start before its tests and are torn down after them.
 */
export function demoStudioForSuite(name: string): { readonly browser: Browser; readonly studio: ServedStudio } {
  let work = '';
  const suite = {} as { browser: Browser; studio: ServedStudio };
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), `studio-e2e-${name}-`));
    const projectDir = join(work, 'demo');
    const configDir = join(work, 'config');
    await studioCli(['demo', projectDir], configDir);
    [suite.browser, suite.studio] = await Promise.all([launchChromium(), serveStudio({ project: projectDir, configDir })]);
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.studio?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });
  return suite;
}
