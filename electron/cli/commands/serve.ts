import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn } from 'node:child_process';
import { defineCommand } from '../command';
import { createStudio } from '../../services/studio';
import { startStudioServer } from '../../server/StudioServer';
import { positiveInt, stringOption } from '../projectArgs';
import { StudioError } from '../../../shared/contract/channel';
import pkg from '../../../package.json';

const here = dirname(fileURLToPath(import.meta.url));
export const defaultRendererDir = (): string => process.env.STUDIO_RENDERER_DIR ?? resolve(here, '../../../out/renderer');

export const serveCommand = defineCommand<void>({
  name: 'serve',
  usage: 'serve [--project DIR] [--port N] [--bind ADDRESS] [--open]',
  summary: 'Run the studio in the browser (127.0.0.1, token in the printed URL).',
  longRunning: true,
  options: { project: { type: 'string' }, port: { type: 'string' }, bind: { type: 'string' }, open: { type: 'boolean' } },
  async run({ values, json, progress }) {
    const bind = stringOption(values, 'bind') ?? '127.0.0.1';
    const port = stringOption(values, 'port') === '0' ? 0 : positiveInt(stringOption(values, 'port'), 'port', 0);
    const studio = await createStudio({ mode: 'browser', version: pkg.version, purpose: 'studio serve' });
    const project = stringOption(values, 'project');
    if (project) await studio.host.open(resolve(project));
    let server;
    try {
      server = await startStudioServer({ registry: studio.registry, events: studio.events, images: studio.images, uploads: studio.uploads, rendererDir: defaultRendererDir(), port, bind });
    } catch (error) {
      await studio.dispose();
      if ((error as { code?: string }).code === 'EADDRINUSE') {
        throw new StudioError('conflict', `Port ${port} is already in use.`, 'Pick another with --port, or omit it for a free one.');
      }
      throw error;
    }
    if (json) process.stdout.write(`${JSON.stringify({ url: server.urlWithToken, port: server.port, pid: process.pid })}\n`);
    else {
      process.stdout.write(`Studio running in browser mode.\nOpen: ${server.urlWithToken}\n`);
      if (bind !== '127.0.0.1') progress(`Listening on ${bind}: anyone on your network with this URL (and its token) can label.`);
      progress('Press Ctrl+C to stop.');
    }
    if (values.open) openInBrowser(server.urlWithToken);
    const stop = async () => {
      await server.close();
      await studio.dispose();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    await new Promise(() => undefined); // runs until a signal stops it
  },
});

/** Opens the default browser where there is one; silent where there is none. */
export function openInBrowser(url: string): void {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'cmd' : 'xdg-open';
  const args = process.platform === 'win32' ? ['/c', 'start', '', url] : [url];
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // no browser opener on this machine: the printed URL is enough
  }
}
