import { UsageError, defineCommand } from '../command';
import { fetchFashionMnist } from '../../worker/datasets/fetch';
import { debianFashionMnistDir } from '../../worker/datasets/fashionMnist';

/** `datasets fetch fashion-mnist [--dir D]`: downloads the four IDX files when online. */
export const datasetsCommand = defineCommand<{ dataset: string; files: string[] }>({
  name: 'datasets',
  usage: 'datasets fetch fashion-mnist [--dir D]',
  summary: 'Download a benchmark dataset (Fashion-MNIST) for simulate and the benchmarks.',
  positionals: 2,
  options: { dir: { type: 'string' } },
  async run({ positionals, values, progress }) {
    const [action, name] = positionals;
    if (action !== 'fetch') throw new UsageError(`Unknown action "${action}"; the only action is "fetch".`);
    if (name !== 'fashion-mnist') throw new UsageError(`Unknown dataset "${name}"; available: fashion-mnist.`);
    const dir = (values.dir as string | undefined) ?? 'datasets/fashion-mnist';
    const files = await fetchFashionMnist(dir, { progress });
    progress(`Use it with: studio simulate --dataset fashion-mnist:${dir} (or install Debian's dataset-fashion-mnist for ${debianFashionMnistDir})`);
    return { dataset: name, files };
  },
  format: (result) => `Downloaded ${result.dataset}:\n${result.files.map((f) => `  ${f}`).join('\n')}`,
});
