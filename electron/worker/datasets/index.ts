import { StudioError } from '../../../shared/contract/channel';
import { loadFashionMnist } from './fashionMnist';
import { loadImageFolder } from './imageFolder';
import type { SimulationDataset } from './types';

export { loadFashionMnist, debianFashionMnistDir, fashionMnistClasses } from './fashionMnist';
export { loadImageFolder } from './imageFolder';
export { fetchFashionMnist } from './fetch';
export { parseIdx, readIdxFile } from './idx';
export type { LabeledImages, SimulationDataset } from './types';

/**
 * `--dataset` for the simulation: `fashion-mnist` (Debian's files, or `fashion-mnist:DIR`
 * for a folder holding the four IDX files), or a DIR of class folders.
 */
export async function loadDataset(spec: string, progress?: (message: string) => void): Promise<SimulationDataset> {
  if (spec === 'fashion-mnist') return loadFashionMnist();
  if (spec.startsWith('fashion-mnist:')) return loadFashionMnist(spec.slice('fashion-mnist:'.length));
  if (!spec) throw new StudioError('invalid-request', 'No dataset given.', 'Use --dataset fashion-mnist or --dataset DIR.');
  const dataset = await loadImageFolder(spec);
  if (dataset.skipped.length) progress?.(`skipped ${dataset.skipped.length} unreadable image(s), e.g. ${dataset.skipped[0]}`);
  return dataset;
}
