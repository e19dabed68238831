import { StudioError } from '../../../shared/contract/channel';
import type { Team, TeamRole } from '../../../shared/contract/team';
import { ProjectScoped } from '../host/ProjectScoped';
import type { StudioHost } from '../host/StudioHost';
import type { Project } from '../project/Project';
import { TeamStore } from './TeamStore';
import { describeTeam, overlapSampleIds } from './describeTeam';

/** The open project's team: its stored settings and which samples are overlap samples. */
export interface ProjectTeam {
  project: Project;
  store: TeamStore;
  /** Overlap samples, by id (drawn from the project's seed; redrawn when samples or the rate change). */
  overlap(): ReadonlySet<string>;
}

/**
 * Who is who in the open project: roles, the overlap rate, and the rule that once a
 * project has reviewers only they change the team (the desktop app and the CLI, run by
 * the lead on their own machine, always may).
 */
export class TeamService {
  private readonly scoped: ProjectScoped<ProjectTeam>;

  constructor(host: StudioHost) {
    this.scoped = new ProjectScoped(host, async (project) => {
      const store = await TeamStore.open(project);
      let cached: { size: number; rate: number; ids: Set<string> } | null = null;
      const overlap = (): ReadonlySet<string> => {
        if (cached?.size !== project.samples.size || cached.rate !== store.overlapRate) {
          cached = { size: project.samples.size, rate: store.overlapRate, ids: overlapSampleIds(project, store.overlapRate) };
        }
        return cached.ids;
      };
      return { project, store, overlap };
    });
  }

  team(): Promise<ProjectTeam> {
    return this.scoped.get();
  }

  async roleOf(name: string): Promise<TeamRole> {
    return (await this.team()).store.roleOf(name);
  }

  /** Refuses a change to the team from someone who is not a reviewer, once there are reviewers. */
  async assertMayChangeTeam(by: string | null): Promise<void> {
    const { store } = await this.team();
    if (by === null || !store.hasReviewers || store.roleOf(by) === 'reviewer') return;
    throw new StudioError('unauthorized', `Only a reviewer can change the team; ${by} is an annotator.`, 'Ask a reviewer, or the lead on the studio’s own computer.');
  }

  async assertReviewer(name: string): Promise<void> {
    if ((await this.roleOf(name)) === 'reviewer') return;
    throw new StudioError('unauthorized', `${name} is not a reviewer in this project.`, 'The lead sets roles in the Review tab (Team) or with `studio team DIR --role NAME=reviewer`.');
  }

  async describe(): Promise<Team> {
    const { project, store, overlap } = await this.team();
    return describeTeam(project, store, overlap());
  }

  dispose(): void {
    this.scoped.dispose();
  }
}
