import { resolve } from 'node:path';
import { defineCommand, UsageError } from '../command';
import { exportLabels, type LabelExportResult } from '../../services/dataset/exportLabels';
import { labelFormatNames, type LabelFormatName } from '../../services/dataset/formats';
import { requiredOption, withProject } from '../projectArgs';

export const labelsCommand = defineCommand<LabelExportResult>({
  name: 'labels',
  usage: `labels export DIR --format ${labelFormatNames.join('|')} --out PATH`,
  summary: 'Export every sample with its label, annotator, time, seconds, split, flag and comment (ImageFolder: train/ val/ test/<class>/ of hard links or copies).',
  positionals: 2,
  options: { format: { type: 'string' }, out: { type: 'string' } },
  run: ({ positionals, values, progress, signal }) => {
    const [action, dir] = positionals;
    if (action !== 'export') throw new UsageError(`Unknown action "${action}": use "labels export DIR --format F --out PATH".`);
    const format = requiredOption(values, 'format');
    if (!(labelFormatNames as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${labelFormatNames.join(', ')}, not "${format}".`);
    const out = resolve(requiredOption(values, 'out'));
    let lastAt = 0;
    return withProject(dir, { readOnly: true, purpose: 'cli labels export' }, (project) =>
      exportLabels(project, format as LabelFormatName, out, {
        signal,
        onProgress: (done, total) => {
          if (Date.now() - lastAt < 2000 && done < total) return;
          lastAt = Date.now();
          progress(`exporting: ${done}/${total}`);
        },
      }),
    );
  },
  format: (r) => [`Exported ${r.written} sample(s) as ${r.format} to ${r.out}.`, ...r.notes].join('\n'),
});
