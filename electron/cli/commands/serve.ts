import { resolve, dirname } from 'node:path';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { spawn } from 'node:child_process';
import { defineCommand, UsageError } from '../command';
import { createStudio } from '../../services/studio';
import { startStudioServer, type StudioServerOptions } from '../../server/StudioServer';
import { isLoopback } from '../../server/hosts';
import { positiveInt, stringOption } from '../projectArgs';
import { StudioError } from '../../../shared/contract/channel';
import pkg from '../../../package.json';

const here = dirname(fileURLToPath(import.meta.url));
export const defaultRendererDir = (): string => process.env.STUDIO_RENDERER_DIR ?? resolve(here, '../../../out/renderer');

export const serveCommand = defineCommand<void>({
  name: 'serve',
  usage: 'serve [--project DIR] [--port N] [--bind ADDRESS] [--host-name NAME] [--tls-cert FILE --tls-key FILE] [--open]',
  summary: 'Run the studio in the browser (127.0.0.1, token in the printed URL); --bind lets others on your network label.',
  longRunning: true,
  options: {
    project: { type: 'string' },
    port: { type: 'string' },
    bind: { type: 'string' },
    'host-name': { type: 'string', multiple: true },
    'tls-cert': { type: 'string' },
    'tls-key': { type: 'string' },
    open: { type: 'boolean' },
  },
  async run({ values, json, progress }) {
    const bind = stringOption(values, 'bind') ?? '127.0.0.1';
    const port = stringOption(values, 'port') === '0' ? 0 : positiveInt(stringOption(values, 'port'), 'port', 0);
    const tls = await readTls(stringOption(values, 'tls-cert'), stringOption(values, 'tls-key'));
    const hostNames = (values['host-name'] as string[] | undefined) ?? [];
    const studio = await createStudio({ mode: 'browser', version: pkg.version, purpose: 'studio serve' });
    const project = stringOption(values, 'project');
    if (project) await studio.host.open(resolve(project));
    let server;
    try {
      server = await startStudioServer({ registry: studio.registry, events: studio.events, images: studio.images, uploads: studio.uploads, rendererDir: defaultRendererDir(), port, bind, tls, hostNames });
    } catch (error) {
      await studio.dispose();
      const code = (error as { code?: string }).code;
      if (code === 'EADDRINUSE') throw new StudioError('conflict', `Port ${port} is already in use.`, 'Pick another with --port, or omit it for a free one.');
      if (code === 'EADDRNOTAVAIL') throw new StudioError('invalid-request', `${bind} is not an address of this machine.`, 'Use one of its addresses (ip addr), or 0.0.0.0 for all of them.');
      if (/PEM|key values mismatch|certificate/i.test((error as Error).message)) throw new StudioError('invalid-request', `The TLS certificate or key cannot be used: ${(error as Error).message}`, 'Pass a PEM certificate and its matching private key.');
      throw error;
    }
    if (json) process.stdout.write(`${JSON.stringify({ url: server.urlWithToken, urls: server.urlsWithToken, bridge: server.bridgeUrl, port: server.port, pid: process.pid })}\n`);
    else {
      process.stdout.write(`Studio running in browser mode.\nOpen: ${server.urlWithToken}\n`);
      for (const other of server.urlsWithToken.slice(1)) process.stdout.write(`  or: ${other}\n`);
      if (!isLoopback(bind)) progress(`Listening on ${bind}: anyone on your network with this URL (and its token) can label.${tls ? '' : ' Traffic is not encrypted; pass --tls-cert and --tls-key to serve HTTPS.'}`);
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

/** The lead's certificate and key, both or neither. */
async function readTls(certPath: string | undefined, keyPath: string | undefined): Promise<StudioServerOptions['tls']> {
  if (!certPath && !keyPath) return undefined;
  if (!certPath || !keyPath) throw new UsageError('HTTPS needs both --tls-cert FILE and --tls-key FILE.');
  const read = (path: string, what: string) =>
    readFile(resolve(path)).catch((error: Error) => {
      throw new StudioError('not-found', `Cannot read the TLS ${what} ${path}: ${error.message}`);
    });
  return { cert: await read(certPath, 'certificate'), key: await read(keyPath, 'key') };
}

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
