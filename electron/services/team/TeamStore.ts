import { z } from 'zod';
import { StudioError } from '../../../shared/contract/channel';
import { overlapRateSchema, teamRoleSchema, type TeamRole } from '../../../shared/contract/team';
import type { Notice } from '../../../shared/contract/schemas';
import { DurableJsonFile } from '../storage/DurableJsonFile';
import { DurableDocument } from '../storage/DurableDocument';
import type { Project } from '../project/Project';

export const teamFile = 'team.json';

// Strict like every record schema: a field this studio does not know is damage, not data.
const teamDocSchema = z.strictObject({
  members: z.array(z.strictObject({ name: z.string().min(1).max(80), role: teamRoleSchema })).max(500),
  overlap: overlapRateSchema,
});
type TeamDoc = z.infer<typeof teamDocSchema>;

const emptyTeam = (): TeamDoc => ({ members: [], overlap: 0 });

/**
 * The project's team document (team.json, written through the durable document layer like
 * every project document: checksummed, last generations kept, in memory only once on disk):
 * roles per name and the overlap rate. Names are matched case-insensitively, so "Rita" and
 * "rita" are one person. Read-only projects read it and refuse changes.
 */
export class TeamStore {
  private constructor(
    private readonly doc: DurableDocument<TeamDoc>,
    private readonly writable: boolean,
    readonly notices: Notice[],
  ) {}

  static async open(project: Project): Promise<TeamStore> {
    const file = new DurableJsonFile(project.path(teamFile), (json) => teamDocSchema.parse(json), { label: teamFile, readOnly: project.readOnly, fs: project.fs });
    let doc: DurableDocument<TeamDoc>;
    try {
      doc = await DurableDocument.open(file, emptyTeam);
    } catch (error) {
      throw new StudioError('damaged', `Cannot read the team settings: ${(error as Error).message}`, 'Copy team.json from a backup of the project folder, or delete it to start the team afresh.');
    }
    for (const notice of doc.notices) project.addNotice(notice);
    return new TeamStore(doc, !project.readOnly, [...doc.notices]);
  }

  get members(): TeamDoc['members'] {
    return this.doc.data.members;
  }

  get overlapRate(): number {
    return this.doc.data.overlap;
  }

  roleOf(name: string): TeamRole {
    return this.find(name)?.role ?? 'annotator';
  }

  get hasReviewers(): boolean {
    return this.doc.data.members.some((m) => m.role === 'reviewer');
  }

  async setRole(name: string, role: TeamRole | null): Promise<void> {
    this.assertWritable();
    await this.doc.update((d) => {
      const others = d.members.filter((m) => m.name.toLowerCase() !== name.toLowerCase());
      d.members = role === null ? others : [...others, { name, role }].sort((a, b) => a.name.localeCompare(b.name));
    }, `The role of ${name} was not changed.`);
  }

  async setOverlap(rate: number): Promise<void> {
    this.assertWritable();
    await this.doc.update((d) => {
      d.overlap = rate;
    }, 'The overlap share was not changed.');
  }

  private find(name: string): TeamDoc['members'][number] | undefined {
    const key = name.toLowerCase();
    return this.doc.data.members.find((m) => m.name.toLowerCase() === key);
  }

  private assertWritable(): void {
    if (!this.writable) throw new StudioError('conflict', 'The project is open read-only; its team cannot change.');
  }
}
