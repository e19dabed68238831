import { resolve } from 'node:path';
import { defineCommand } from '../command';
import { Project } from '../../services/project/Project';
import { classInputSchema } from '../../../shared/contract/project';
import { StudioError } from '../../../shared/contract/channel';
import { stringOption } from '../projectArgs';
import type { ProjectSummary } from '../../../shared/contract/project';

export const createCommand = defineCommand<ProjectSummary>({
  name: 'create',
  usage: 'create DIR --classes a,b,c [--name NAME]',
  summary: 'Create a project folder with its classes.',
  positionals: 1,
  options: { classes: { type: 'string' }, name: { type: 'string' } },
  async run({ positionals, values }) {
    const names = (stringOption(values, 'classes') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    const classes = names.map((name) => {
      const parsed = classInputSchema.safeParse({ name });
      if (!parsed.success) throw new StudioError('invalid-request', `"${name}" is not a usable class name: ${parsed.error.issues[0].message}.`);
      return parsed.data;
    });
    const project = await Project.create(resolve(positionals[0]), { name: stringOption(values, 'name'), classes, purpose: 'cli create' });
    const summary = project.summary();
    await project.close();
    return summary;
  },
  format: (s) => `Created "${s.name}" in ${s.dir} with ${s.classes.length} classes: ${s.classes.map((c) => `${c.name} [${c.key}]`).join(', ') || 'none yet'}.`,
});
