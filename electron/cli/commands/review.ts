import { defineCommand } from '../command';
import { StudioError } from '../../../shared/contract/channel';
import type { Decision } from '../../../shared/domain/records';
import { findClassByName } from '../../services/classes/classCatalog';
import { TeamStore } from '../../services/team/TeamStore';
import { requiredOption, withProject } from '../projectArgs';

export const reviewCommand = defineCommand<Decision>({
  name: 'review',
  usage: 'review DIR --sample ID --class NAME --reviewer NAME',
  summary: "A reviewer's final decision on one sample (clears its conflict or flag); undo it with `undo DIR --annotator REVIEWER`.",
  positionals: 1,
  options: { sample: { type: 'string' }, class: { type: 'string' }, reviewer: { type: 'string' } },
  run: ({ positionals, values }) =>
    withProject(positionals[0], { readOnly: false, purpose: 'cli review' }, async (project) => {
      const sampleId = requiredOption(values, 'sample');
      const reviewer = requiredOption(values, 'reviewer');
      if (!project.samples.get(sampleId)) throw new StudioError('not-found', `There is no sample ${sampleId} in this project.`, 'List what waits with `studio samples DIR --filter conflict`.');
      const cls = findClassByName(project, requiredOption(values, 'class'));
      if (!cls) throw new StudioError('not-found', `There is no class named "${String(values.class)}".`, `Known classes: ${project.doc.classes.map((c) => c.name).join(', ')}.`);
      if ((await TeamStore.open(project)).roleOf(reviewer) !== 'reviewer') {
        throw new StudioError('unauthorized', `${reviewer} is not a reviewer in this project.`, `Make them one with \`studio team DIR --role ${reviewer}=reviewer\`.`);
      }
      return project.labels.review(sampleId, cls.id, { annotator: reviewer, seconds: 0 });
    }),
  format: (d) => `Final decision on ${d.sampleId} by ${d.annotator} (decision ${d.seq}).`,
});
