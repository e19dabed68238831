import { StudioError } from '../../../shared/contract/channel';

/**
 * Where a strategy may depart from its paper to bound time or memory on big pools. Each
 * departure is a named option, off by default (the paper's version), so a query or a
 * benchmark says exactly what ran:
 * - `shortlist: N`: strategies that read the head's probabilities (entropy, least
 *   confidence, BALD, BADGE, hybrid) see only the N candidates with the smallest margin.
 * - `subsample: N`: k-center and cold start work on a seeded random N of the candidates.
 * - `projection: N`: diversity distances (k-center, cold start, hybrid) are measured in a
 *   seeded N-d Gaussian random projection of the embeddings instead of the embeddings.
 */
export interface AcquisitionOptions {
  shortlist: 'off' | number;
  subsample: 'off' | number;
  projection: 'off' | number;
}

export const paperOptions: AcquisitionOptions = { shortlist: 'off', subsample: 'off', projection: 'off' };

export function resolveOptions(options: Partial<AcquisitionOptions> = {}): AcquisitionOptions {
  return { ...paperOptions, ...options };
}

/** "shortlist 2,000, projection 64", or "" for the paper's version. */
export function describeOptions(options: Partial<AcquisitionOptions> = {}): string {
  return (Object.keys(paperOptions) as (keyof AcquisitionOptions)[])
    .filter((key) => options[key] !== undefined && options[key] !== 'off')
    .map((key) => `${key} ${(options[key] as number).toLocaleString('en-US')}`)
    .join(', ');
}

/**
 * A strategy with options as one word, for the CLI and the benchmark: `bald`,
 * `bald:shortlist=2000`, `k-center:subsample=5000,projection=64`.
 */
export function parseStrategySpec(spec: string): { name: string; options: Partial<AcquisitionOptions> } {
  const [name, list] = spec.split(':', 2);
  const options: Partial<AcquisitionOptions> = {};
  for (const part of list ? list.split(',') : []) {
    const [key, value] = part.split('=', 2);
    if (!(key in paperOptions)) throw new StudioError('invalid-request', `Unknown strategy option "${key}" in "${spec}".`, `Options are ${Object.keys(paperOptions).join(', ')}, e.g. "bald:shortlist=2000".`);
    const n = Number(value);
    if (value !== 'off' && !(Number.isInteger(n) && n > 0)) throw new StudioError('invalid-request', `Strategy option "${key}" must be "off" or a positive whole number (got "${value}").`, 'For example "k-center:subsample=5000".');
    options[key as keyof AcquisitionOptions] = value === 'off' ? 'off' : n;
  }
  return { name: name.trim(), options };
}
