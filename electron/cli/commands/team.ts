import { defineCommand, UsageError } from '../command';
import { overlapRateSchema, teamRoleSchema, type Team, type TeamRole } from '../../../shared/contract/team';
import { annotatorSchema } from '../../../shared/contract/schemas';
import { describeTeam, overlapSampleIds } from '../../services/team/describeTeam';
import { TeamStore } from '../../services/team/TeamStore';
import { stringOption, withProject } from '../projectArgs';

export const teamCommand = defineCommand<Team>({
  name: 'team',
  usage: 'team DIR [--role NAME=annotator|reviewer|none]… [--overlap RATE]',
  summary: 'Show or set who reviews, and the share of images two people label independently (overlap, 0–0.5) for agreement.',
  positionals: 1,
  options: { role: { type: 'string', multiple: true }, overlap: { type: 'string' } },
  run({ positionals, values }) {
    const roles = ((values.role as string[] | undefined) ?? []).map(parseRole);
    const overlapText = stringOption(values, 'overlap');
    const overlap = overlapText === undefined ? undefined : overlapRateSchema.safeParse(Number(overlapText));
    if (overlap && !overlap.success) throw new UsageError(`--overlap must be a share between 0 and 0.5 (0.1 = 10 %), not "${overlapText}".`);
    const changes = roles.length > 0 || overlap !== undefined;
    // The CLI runs on the lead's own machine: it may always change the team.
    return withProject(positionals[0], { readOnly: !changes, purpose: 'cli team' }, async (project) => {
      const store = await TeamStore.open(project);
      for (const { name, role } of roles) await store.setRole(name, role);
      if (overlap?.success) await store.setOverlap(overlap.data);
      return describeTeam(project, store, overlapSampleIds(project, store.overlapRate));
    });
  },
  format: (t) => {
    const lines = [`Overlap: ${(t.overlap.rate * 100).toFixed(0)} % (${t.overlap.samples} images; ${t.overlap.answered} answered by two people)`, '', 'People:'];
    for (const p of t.people) lines.push(`  ${p.name.padEnd(24)} ${p.role.padEnd(10)} ${p.labels} labels`);
    if (!t.people.length) lines.push('  nobody has labeled yet');
    return lines.join('\n');
  },
});

function parseRole(text: string): { name: string; role: TeamRole | null } {
  const at = text.lastIndexOf('=');
  const name = annotatorSchema.safeParse(text.slice(0, Math.max(at, 0)));
  const roleText = text.slice(at + 1);
  const role = roleText === 'none' ? null : teamRoleSchema.safeParse(roleText);
  if (at < 0 || !name.success || (role !== null && !role.success)) throw new UsageError(`--role takes NAME=annotator, NAME=reviewer or NAME=none, not "${text}".`);
  return { name: name.data, role: role === null ? null : role.data };
}
