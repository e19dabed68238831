import { resolve } from 'node:path';
import { defineCommand } from '../command';
import { unbundleProject, type UnbundleResult } from '../../services/bundle/unbundleProject';
import { stringOption } from '../projectArgs';

const shownMissing = 50;

export const unbundleCommand = defineCommand<UnbundleResult>({
  name: 'unbundle',
  usage: 'unbundle FILE DIR [--images-from FOLDER]',
  summary: 'Unpack a bundle into a new project folder; images not where the bundle says are found by content in FOLDER, or listed as missing.',
  positionals: 2,
  options: { 'images-from': { type: 'string' } },
  run: ({ positionals, values, progress }) => {
    const from = stringOption(values, 'images-from');
    return unbundleProject(resolve(positionals[0]), resolve(positionals[1]), { imagesFrom: from ? resolve(from) : undefined, onProgress: progress });
  },
  format: (r) => {
    const { bundled, inPlace, found, missing } = r.images;
    const lines = [`Unbundled ${r.samples} sample(s) into ${r.dir}: ${bundled} image(s) from the bundle, ${inPlace} where they were, ${found} found by content, ${missing.length} missing.`];
    if (missing.length) {
      lines.push('Missing (run unbundle again into a new folder with --images-from FOLDER to find them):');
      for (const p of missing.slice(0, shownMissing)) lines.push(`  ${p}`);
      if (missing.length > shownMissing) lines.push(`  … and ${missing.length - shownMissing} more (--json lists all).`);
    }
    return lines.join('\n');
  },
});
