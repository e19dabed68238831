import { defineCommand } from '../command';
import { StudioError } from '../../../shared/contract/channel';
import type { Decision } from '../../../shared/domain/records';
import { findClassByName } from '../../services/classes/classCatalog';
import { requiredOption, stringOption, withProject } from '../projectArgs';

export const labelCommand = defineCommand<Decision>({
  name: 'label',
  usage: 'label DIR --sample ID --class NAME [--annotator NAME]',
  summary: 'Label one sample; returns once the label is durable.',
  positionals: 1,
  options: { sample: { type: 'string' }, class: { type: 'string' }, annotator: { type: 'string' } },
  run: ({ positionals, values }) =>
    withProject(positionals[0], { readOnly: false, purpose: 'cli label' }, (project) => {
      const sampleId = requiredOption(values, 'sample');
      const className = requiredOption(values, 'class');
      if (!project.samples.get(sampleId)) {
        throw new StudioError('not-found', `There is no sample ${sampleId} in this project.`, 'List ids with `studio samples DIR`.');
      }
      const cls = findClassByName(project, className);
      if (!cls) {
        const known = project.doc.classes.map((c) => c.name).join(', ') || 'none';
        throw new StudioError('not-found', `There is no class named "${className}".`, `Known classes: ${known}.`);
      }
      return project.labels.setClass(sampleId, cls.id, { annotator: stringOption(values, 'annotator') ?? 'cli', seconds: 0 });
    }),
  format: (d) => `Labeled ${d.sampleId} (decision ${d.seq}, by ${d.annotator}).`,
});
