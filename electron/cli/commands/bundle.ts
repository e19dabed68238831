import { resolve } from 'node:path';
import { defineCommand } from '../command';
import { bundleProject, type BundleResult } from '../../services/bundle/bundleProject';
import { requiredOption, withProject } from '../projectArgs';

export const bundleCommand = defineCommand<BundleResult>({
  name: 'bundle',
  usage: 'bundle DIR --out FILE [--with-images]',
  summary: 'Pack the project (documents, label journal, runs; images too with --with-images) into one .tar.gz to move it to another machine.',
  positionals: 1,
  options: { out: { type: 'string' }, 'with-images': { type: 'boolean' } },
  run: ({ positionals, values, progress, signal }) =>
    withProject(positionals[0], { readOnly: false, purpose: 'cli bundle' }, (project) =>
      bundleProject(project, resolve(requiredOption(values, 'out')), { withImages: values['with-images'] === true, signal, onProgress: progress }),
    ),
  format: (r) =>
    [
      `Bundled ${r.samples} sample(s), ${r.files} project file(s)${r.images ? ` and ${r.images} image(s)` : ''} into ${r.out}.`,
      ...(r.missingImages.length ? [`${r.missingImages.length} image(s) could not be read and are not in the bundle:`, ...r.missingImages.slice(0, 20).map((p) => `  ${p}`)] : []),
    ].join('\n'),
});
