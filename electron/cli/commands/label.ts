import { conflictExitCode, defineCommand } from '../command';
import { StudioError } from '../../../shared/contract/channel';
import { isOverlapSample } from '../../../shared/domain/overlap';
import type { Decision } from '../../../shared/domain/records';
import { findClassByName } from '../../services/classes/classCatalog';
import { TeamStore } from '../../services/team/TeamStore';
import { nonNegativeInt, requiredOption, stringOption, withProject } from '../projectArgs';

/** The decision, and how it landed: a conflict is recorded beside the label that stands. */
type LabelResult = Decision & { outcome: 'labeled' | 'conflict' | 'second-opinion' };

export const labelCommand = defineCommand<LabelResult>({
  name: 'label',
  usage: 'label DIR --sample ID --class NAME [--annotator NAME] [--based-on VERSION]',
  summary: `Label one sample; returns once durable. Over someone else's unseen label it is a conflict (kept, sent to review; exit ${conflictExitCode}).`,
  positionals: 1,
  options: { sample: { type: 'string' }, class: { type: 'string' }, annotator: { type: 'string' }, 'based-on': { type: 'string' } },
  run: ({ positionals, values }) =>
    withProject(positionals[0], { readOnly: false, purpose: 'cli label' }, async (project) => {
      const sampleId = requiredOption(values, 'sample');
      const className = requiredOption(values, 'class');
      const sample = project.samples.get(sampleId);
      if (!sample) {
        throw new StudioError('not-found', `There is no sample ${sampleId} in this project.`, 'List ids with `studio samples DIR`.');
      }
      const cls = findClassByName(project, className);
      if (!cls) {
        const known = project.doc.classes.map((c) => c.name).join(', ') || 'none';
        throw new StudioError('not-found', `There is no class named "${className}".`, `Known classes: ${known}.`);
      }
      const team = await TeamStore.open(project);
      const basedOn = stringOption(values, 'based-on') === undefined ? undefined : nonNegativeInt(stringOption(values, 'based-on'), 'based-on');
      const overlap = isOverlapSample(project.doc.seed, team.overlapRate, sample.hash);
      const decision = await project.labels.setClass(sampleId, cls.id, { annotator: stringOption(values, 'annotator') ?? 'cli', seconds: 0, basedOn, overlap });
      return { ...decision, outcome: decision.conflict ? 'conflict' : decision.secondOpinion ? 'second-opinion' : 'labeled' };
    }),
  format: (d) =>
    d.conflict
      ? `Conflict: ${d.conflict.annotator} labeled ${d.sampleId} differently (decision ${d.conflict.seq}). Both answers are kept; the image waits for a reviewer.`
      : `Labeled ${d.sampleId} (decision ${d.seq}, by ${d.annotator}${d.secondOpinion ? ', a second opinion' : ''}).`,
  exitCode: (d) => (d.conflict ? conflictExitCode : 0),
});
