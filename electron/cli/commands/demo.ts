import { resolve } from 'node:path';
import { defineCommand } from '../command';
import type { ImportReport } from '../../../shared/contract/imports';
import type { ProjectSummary } from '../../../shared/contract/project';
import { createDemoProject } from '../../services/demo';
import { positiveInt, stringOption } from '../projectArgs';

interface DemoResult {
  project: ProjectSummary;
  report: ImportReport;
}

export const demoCommand = defineCommand<DemoResult>({
  name: 'demo',
  usage: 'demo DIR [--seed N] [--small]',
  summary: 'Create the offline demo project (four shape classes, some labels, a few wrong).',
  positionals: 1,
  options: { seed: { type: 'string' }, small: { type: 'boolean' } },
  async run({ positionals, values, progress }) {
    progress('drawing the demo images and importing them…');
    const { project, report } = await createDemoProject(resolve(positionals[0]), {
      seed: positiveInt(stringOption(values, 'seed'), 'seed', 42),
      size: values.small ? 'small' : 'normal',
    });
    const summary = project.summary();
    await project.close();
    return { project: summary, report };
  },
  format: ({ project, report }) =>
    [
      `Created the demo project "${project.name}" in ${project.dir}.`,
      `${project.sampleCount} images in ${project.classes.length} classes (${project.classes.map((c) => c.name).join(', ')}); ` +
        `${report.labeled} came labeled from images/labels.csv (a few of them wrongly, on purpose), the rest are unlabeled.`,
      `${report.duplicates.length} exact duplicates were skipped at import, as the report shows.`,
    ].join('\n'),
});
