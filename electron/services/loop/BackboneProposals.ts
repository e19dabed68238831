import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { LoopSettings } from '../../../shared/contract/loop';
import { backboneProposalSchema, proposeBackbone, type BackboneProposal } from '../../../shared/ml/backboneProposal';
import { DEFAULT_PIXELS_ID } from '../../../shared/ml/pixels';
import { lookAtImages } from '../ml/lookAtImages';
import type { Project } from '../project/Project';
import { writeFileDurably } from '../storage/durableWrite';

/** `<project>/backbone-proposal.json`: the latest proposal and the backbone the loop took from it. */
export const proposalFile = 'backbone-proposal.json';

const proposalDocSchema = z.object({
  schemaVersion: z.literal(1),
  proposal: backboneProposalSchema,
  /** What the loop's settings were set to from a proposal; null once the user chose another. */
  appliedBackboneId: z.string().nullable(),
  at: z.string(),
});

export interface ProposalState {
  proposal: BackboneProposal | null;
  /** True while the loop uses the proposed backbone because the user has not picked one. */
  followed: boolean;
}

/** The loop's settings as the proposal sees them. */
export interface ProposalSettings {
  readonly settings: LoopSettings;
  readonly readOnly: boolean;
  updateSettings(change: Partial<LoopSettings>): Promise<unknown>;
}

/**
 * Proposes a backbone from a look at the project's images (see `proposeBackbone`) after each
 * import, and sets the loop's backbone to it as long as the user has not picked one: a
 * backbone differing from the one last applied is the user's choice and is kept.
 */
export class BackboneProposals {
  private running: Promise<ProposalState> | null = null;

  constructor(
    private readonly project: Project,
    private readonly loop: ProposalSettings,
  ) {}

  /** The saved proposal, or a fresh one when there is none yet. */
  async current(): Promise<ProposalState> {
    if (this.running) return this.running;
    const saved = await this.read();
    if (!saved) return this.refresh();
    return { proposal: saved.proposal, followed: saved.appliedBackboneId !== null && saved.appliedBackboneId === this.loop.settings.backboneId };
  }

  /** Looks at the images again (after an import) and applies the proposal where the user has not chosen. */
  refresh(): Promise<ProposalState> {
    this.running ??= this.propose().finally(() => (this.running = null));
    return this.running;
  }

  private async propose(): Promise<ProposalState> {
    const proposal = proposeBackbone(await lookAtImages(this.project.samples.all));
    if (!proposal) return { proposal: null, followed: false };
    const saved = await this.read();
    const chosen = this.loop.settings.backboneId;
    const userChose = saved ? chosen !== saved.appliedBackboneId : chosen !== DEFAULT_PIXELS_ID;
    if (this.loop.readOnly) return { proposal, followed: !userChose && chosen === proposal.backboneId };
    if (!userChose && chosen !== proposal.backboneId) await this.loop.updateSettings({ backboneId: proposal.backboneId });
    const doc = { schemaVersion: 1 as const, proposal, appliedBackboneId: userChose ? null : proposal.backboneId, at: new Date().toISOString() };
    await writeFileDurably(this.project.path(proposalFile), JSON.stringify(doc, null, 1));
    return { proposal, followed: !userChose };
  }

  private async read(): Promise<z.infer<typeof proposalDocSchema> | null> {
    try {
      const parsed = proposalDocSchema.safeParse(JSON.parse(await readFile(this.project.path(proposalFile), 'utf8')));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }
}
