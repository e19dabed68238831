import type { HandlerRegistry, RequestContext } from '../rpc/HandlerRegistry';
import type { StudioHost } from '../host/StudioHost';
import { annotatorFor } from '../host/annotator';
import { projectAgreement } from './projectAgreement';
import type { TeamService } from './TeamService';

/**
 * `team:*`: roles per name, the overlap rate and the agreement report. A browser tab says
 * who asks (a reviewer once the project has reviewers); the desktop app and the CLI run on
 * the lead's own machine and always may.
 */
export function registerTeamHandlers(registry: HandlerRegistry, host: StudioHost, team: TeamService): void {
  const asker = (context: RequestContext, by: string | undefined): string | null =>
    by !== undefined || context.transport === 'bridge' ? annotatorFor(host, context, by) : null;

  registry.handle('team:get', () => team.describe());
  registry.handle('team:set-role', async ({ name, role, by }, context) => {
    host.requireWritableProject();
    await team.assertMayChangeTeam(asker(context, by));
    await (await team.team()).store.setRole(name, role);
    host.events.emit('project:changed', { what: ['team'] });
    return team.describe();
  });
  registry.handle('team:set-overlap', async ({ rate, by }, context) => {
    host.requireWritableProject();
    await team.assertMayChangeTeam(asker(context, by));
    await (await team.team()).store.setOverlap(rate);
    host.events.emit('project:changed', { what: ['team', 'queue'] });
    return team.describe();
  });
  registry.handle('team:agreement', () => projectAgreement(host.requireProject()));
}
