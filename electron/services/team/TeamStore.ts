import { Low } from 'lowdb';
import { z } from 'zod';
import { StudioError } from '../../../shared/contract/channel';
import { overlapRateSchema, teamRoleSchema, type TeamRole } from '../../../shared/contract/team';
import type { Notice } from '../../../shared/contract/schemas';
import { DurableJsonFile } from '../storage/DurableJsonFile';
import type { Project } from '../project/Project';

export const teamFile = 'team.json';

const teamDocSchema = z.object({
  members: z.array(z.object({ name: z.string().min(1).max(80), role: teamRoleSchema })).max(500),
  overlap: overlapRateSchema,
});
type TeamDoc = z.infer<typeof teamDocSchema>;

/**
 * The project's team document (team.json, written durably like every project document):
 * roles per name and the overlap rate. Names are matched case-insensitively, so "Rita" and
 * "rita" are one person. Read-only projects read it and refuse changes.
 */
export class TeamStore {
  private constructor(
    private readonly db: Low<TeamDoc>,
    private readonly writable: boolean,
    readonly notices: Notice[],
  ) {}

  static async open(project: Project): Promise<TeamStore> {
    const adapter = new DurableJsonFile(project.path(teamFile), (json) => teamDocSchema.parse(json), teamFile, project.readOnly);
    let doc: TeamDoc | null;
    try {
      doc = await adapter.read();
    } catch (error) {
      throw new StudioError('io', `Cannot read the team settings: ${(error as Error).message}`);
    }
    return new TeamStore(new Low(adapter, doc ?? { members: [], overlap: 0 }), !project.readOnly, [...adapter.notices]);
  }

  get members(): TeamDoc['members'] {
    return this.db.data.members;
  }

  get overlapRate(): number {
    return this.db.data.overlap;
  }

  roleOf(name: string): TeamRole {
    return this.find(name)?.role ?? 'annotator';
  }

  get hasReviewers(): boolean {
    return this.db.data.members.some((m) => m.role === 'reviewer');
  }

  async setRole(name: string, role: TeamRole | null): Promise<void> {
    this.assertWritable();
    const others = this.db.data.members.filter((m) => m.name.toLowerCase() !== name.toLowerCase());
    this.db.data.members = role === null ? others : [...others, { name, role }].sort((a, b) => a.name.localeCompare(b.name));
    await this.db.write();
  }

  async setOverlap(rate: number): Promise<void> {
    this.assertWritable();
    this.db.data.overlap = rate;
    await this.db.write();
  }

  private find(name: string): TeamDoc['members'][number] | undefined {
    const key = name.toLowerCase();
    return this.db.data.members.find((m) => m.name.toLowerCase() === key);
  }

  private assertWritable(): void {
    if (!this.writable) throw new StudioError('conflict', 'The project is open read-only; its team cannot change.');
  }
}
