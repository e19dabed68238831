import { defineCommand } from '../command';
import type { Notice } from '../../../shared/contract/schemas';
import { withProject } from '../projectArgs';

interface RepairResult {
  samples: number;
  labels: number;
  classes: number;
  notices: Notice[];
}

/**
 * `studio repair DIR [--accept-loss]`: opens the project for writing, which repairs what can
 * be repaired without asking (a damaged document restored from a good generation, damaged
 * journal lines kept aside) and says what it did. A journal that lost records (deleted,
 * emptied) needs `--accept-loss`: the project then goes on with what is there, and the
 * notices say exactly what was lost.
 */
export const repairCommand = defineCommand<RepairResult>({
  name: 'repair',
  usage: 'repair DIR [--accept-loss]',
  summary: 'Open for writing, repair what can be repaired, and say what was done; --accept-loss goes on past lost journal records.',
  positionals: 1,
  options: { 'accept-loss': { type: 'boolean' } },
  run: ({ positionals, values }) =>
    withProject(positionals[0], { readOnly: false, purpose: 'cli repair', acceptLoss: values['accept-loss'] === true }, (project) => ({
      samples: project.samples.size,
      labels: [...project.labels.book.countByClass().values()].reduce((a, b) => a + b, 0),
      classes: project.doc.classes.length,
      notices: [...project.notices],
    })),
  format: (r) => `${r.notices.length === 0 ? 'Nothing to repair.' : `${r.notices.length} notice(s), printed above.`} ${r.samples} samples, ${r.labels} labeled, ${r.classes} classes.`,
});
