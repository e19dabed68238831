import { defineCommand } from '../command';
import type { ProjectStatus } from '../../../shared/contract/project';
import type { SplitReport } from '../../../shared/contract/splits';
import { projectStatus } from '../../services/project/sampleQueries';
import { splitReport } from '../../services/splits/splitReport';
import { formatSplitReport } from '../../services/splits/formatSplitReport';
import { withProject } from '../projectArgs';

export const statusCommand = defineCommand<ProjectStatus & { splits: SplitReport }>({
  name: 'status',
  usage: 'status DIR',
  summary: 'Counts per class and split, unlabeled and flagged; the split report (shares per class, near-duplicate groups).',
  positionals: 1,
  run: ({ positionals }) => withProject(positionals[0], { readOnly: true, purpose: 'cli status' }, (project) => ({ ...projectStatus(project), splits: splitReport(project) })),
  format: (s) => {
    const rows = s.perClass.map((c) => `  ${c.name.padEnd(20)} ${String(c.count).padStart(7)}   train ${c.perSplit.train}  val ${c.perSplit.val}  test ${c.perSplit.test}`);
    return [
      `${s.total} samples: ${s.labeled} labeled, ${s.unlabeled} unlabeled, ${s.flagged} flagged, ${s.skipped} skipped`,
      `splits: train ${s.perSplit.train}, val ${s.perSplit.val}, test ${s.perSplit.test}`,
      ...rows,
      '',
      formatSplitReport(s.splits),
    ].join('\n');
  },
});
