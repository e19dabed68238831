import { defineCommand, UsageError } from '../command';
import { splitSchema } from '../../../shared/contract/schemas';
import { findClassByName } from '../../services/classes/classCatalog';
import { filterSamples } from '../../services/project/sampleQueries';
import { stringOption, withProject } from '../projectArgs';
import type { Project } from '../../services/project/Project';

interface SampleLine {
  id: string;
  path: string;
  split: string;
  label: string | null;
}

export const samplesCommand = defineCommand<SampleLine[]>({
  name: 'samples',
  usage: 'samples DIR [--filter unlabeled|labeled|flagged|skipped|conflict|reviewed|class:NAME|split:NAME]',
  summary: 'List samples (id, path, split, label).',
  positionals: 1,
  options: { filter: { type: 'string' } },
  run: ({ positionals, values }) =>
    withProject(positionals[0], { readOnly: true, purpose: 'cli samples' }, (project) => {
      const names = new Map(project.doc.classes.map((c) => [c.id, c.name]));
      return filterSamples(project, parseFilter(project, stringOption(values, 'filter'))).map((s) => {
        const classId = project.labels.stateOf(s.id).classId;
        return { id: s.id, path: s.path, split: s.split, label: classId ? (names.get(classId) ?? null) : null };
      });
    }),
  format: (lines) => lines.map((l) => `${l.id}  ${l.split.padEnd(5)}  ${(l.label ?? '-').padEnd(16)}  ${l.path}`).join('\n') || '(no samples)',
});

const statuses = ['unlabeled', 'labeled', 'flagged', 'skipped', 'conflict', 'reviewed'] as const;

function parseFilter(project: Project, text: string | undefined) {
  if (!text || text === 'all') return { status: 'all' as const };
  const status = statuses.find((s) => s === text);
  if (status) return { status };
  const [kind, ...rest] = text.split(':');
  const value = rest.join(':');
  if (kind === 'class') {
    const cls = findClassByName(project, value);
    if (!cls) throw new UsageError(`There is no class named "${value}". Known: ${project.doc.classes.map((c) => c.name).join(', ')}.`);
    return { status: 'all' as const, classId: cls.id };
  }
  if (kind === 'split') {
    const split = splitSchema.safeParse(value);
    if (!split.success) throw new UsageError(`Unknown split "${value}": use train, val or test.`);
    return { status: 'all' as const, split: split.data };
  }
  throw new UsageError(`Unknown filter "${text}".`);
}
