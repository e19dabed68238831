import { conflictExitCode, defineCommand } from '../command';
import type { ChangedSince } from '../../../shared/contract/labels';
import { ChangedSinceError } from '../../../shared/domain/decisionRules';
import type { Decision } from '../../../shared/domain/records';
import { positiveInt, requiredOption, stringOption, withProject } from '../projectArgs';

interface UndoResult {
  undo: Decision | null;
  changedSince: ChangedSince | null;
}

export const undoCommand = defineCommand<UndoResult>({
  name: 'undo',
  usage: 'undo DIR --annotator NAME [--seq N]',
  summary: `Undo that annotator's last decision (or decision N) while it is still current; says who changed it since otherwise (exit ${conflictExitCode}).`,
  positionals: 1,
  options: { annotator: { type: 'string' }, seq: { type: 'string' } },
  run: ({ positionals, values }) =>
    withProject(positionals[0], { readOnly: false, purpose: 'cli undo' }, async (project) => {
      const annotator = requiredOption(values, 'annotator');
      const seq = stringOption(values, 'seq') === undefined ? undefined : positiveInt(stringOption(values, 'seq'), 'seq', 1);
      try {
        return { undo: await project.labels.undo(annotator, seq), changedSince: null };
      } catch (error) {
        if (error instanceof ChangedSinceError) return { undo: null, changedSince: error.details };
        throw error;
      }
    }),
  format: (r) =>
    r.changedSince
      ? `Not undone: ${r.changedSince.message}`
      : r.undo
        ? `Undid decision ${r.undo.undoes} on ${r.undo.sampleId}.`
        : 'Nothing to undo.',
  exitCode: (r) => (r.changedSince ? conflictExitCode : 0),
});
