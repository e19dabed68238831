import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium, type Browser, type Page } from 'playwright-core';

const root = resolve(import.meta.dirname, '../..');

export interface ServedStudio {
  url: string;
  /** The same session at each address the studio answers on. */
  urls: string[];
  port: number;
  process: ChildProcess;
  configDir: string;
  /** Ends the server the way a crash or power cut would. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  stop(): Promise<void>;
}

export interface ServeOptions {
  project?: string;
  configDir?: string;
  env?: Record<string, string>;
  /** More `serve` options, e.g. ['--bind', '10.77.0.2']. */
  args?: string[];
  /** How to start the process (a network namespace's spawn runs it inside the namespace). */
  spawn?: (command: string, args: string[], options: SpawnOptions) => ChildProcess;
}

/** Starts `studio serve` as a real child process and waits for its URL. */
export async function serveStudio(options: ServeOptions = {}): Promise<ServedStudio> {
  const configDir = options.configDir ?? (await mkdtemp(join(tmpdir(), 'studio-config-')));
  const args = ['--import', 'tsx', join(root, 'electron/cli/index.ts'), 'serve', '--json', ...(options.args ?? [])];
  if (options.project) args.push('--project', options.project);
  const child = (options.spawn ?? spawn)(process.execPath, args, {
    cwd: root,
    env: { ...process.env, STUDIO_CONFIG_DIR: configDir, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += String(d)));
  const line = await new Promise<string>((resolveLine, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.once('line', resolveLine);
    child.once('exit', (code) => reject(new Error(`studio serve exited (${code}) before printing its URL:\n${stderr}`)));
  });
  const { url, urls, port } = JSON.parse(line) as { url: string; urls: string[]; port: number };
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return {
    url,
    urls,
    port,
    process: child,
    configDir,
    async kill(signal = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The bridge WebSocket of the session a printed page URL opens, with its token (for programs that are not a browser). */
export function bridgeUrlFor(pageUrl: string): string {
  const page = new URL(pageUrl);
  const bridge = new URL('bridge', page);
  bridge.protocol = page.protocol === 'https:' ? 'wss:' : 'ws:';
  bridge.search = `?token=${page.searchParams.get('token') ?? ''}`;
  return bridge.toString();
}

/** Debian's Chromium driven by playwright-core; never a downloaded browser. */
export async function launchChromium(options: { executablePath?: string } = {}): Promise<Browser> {
  const executablePath = options.executablePath ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  return chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * Opens the studio page and fails the test on any uncaught page error. The browser has been
 * used before by `annotator` (it remembers the name), unless `annotator` is null: then it is
 * a first visit, which asks who is labeling.
 */
export async function openStudioPage(browser: Browser, url: string, options: { annotator?: string | null } = {}): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const annotator = options.annotator === undefined ? 'e2e' : options.annotator;
  if (annotator !== null) {
    await page.addInitScript((name) => {
      if (!localStorage.getItem('studio.annotator')) localStorage.setItem('studio.annotator', name);
    }, annotator);
  }
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(url);
  return { page, errors };
}
