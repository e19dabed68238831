import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { StudioError } from '../../../shared/contract/channel';
import { fashionMnistFiles } from './fashionMnist';
import { parseIdx } from './idx';

/** The official Fashion-MNIST download location (Zalando Research). */
export const fashionMnistBaseUrl = 'http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/';

export type Fetcher = (url: string) => Promise<Uint8Array>;

async function httpGet(url: string): Promise<Uint8Array> {
  const response = await fetch(url, { signal: AbortSignal.timeout(120_000) });
  if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`);
  return new Uint8Array(await response.arrayBuffer());
}

/**
 * Downloads the four Fashion-MNIST IDX files into `dir`, checks each one parses as IDX, and
 * only then moves it into place. Offline (DNS failure, refused connection) → a clear error
 * naming the Debian package as the alternative.
 */
export async function fetchFashionMnist(dir: string, options: { fetcher?: Fetcher; baseUrl?: string; progress?(message: string): void } = {}): Promise<string[]> {
  const fetcher = options.fetcher ?? httpGet;
  const base = options.baseUrl ?? fashionMnistBaseUrl;
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const file of Object.values(fashionMnistFiles)) {
    const url = new URL(file, base).toString();
    options.progress?.(`downloading ${url}`);
    let bytes: Uint8Array;
    try {
      bytes = await fetcher(url);
    } catch (error) {
      throw new StudioError(
        'io',
        `Cannot download ${url}: ${describeNetworkError(error)}.`,
        'This machine seems to be offline. Install the Debian package dataset-fashion-mnist instead (apt-get install dataset-fashion-mnist); the studio reads /usr/share/datasets/fashion-mnist/ directly.',
      );
    }
    parseIdx(bytes, url, file.includes('images') ? 3 : 1);
    const target = join(dir, file);
    await writeFile(`${target}.part`, bytes);
    await rename(`${target}.part`, target);
    written.push(target);
  }
  return written;
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string } }).cause;
  const code = cause?.code ?? (error as { code?: string }).code;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the host name could not be resolved (no DNS)';
  if (code === 'ECONNREFUSED' || code === 'ENETUNREACH' || code === 'EHOSTUNREACH') return `no network route (${code})`;
  return (error as Error).message ?? String(error);
}
