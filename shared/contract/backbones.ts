import { z } from 'zod';
import { request } from './channel';
import { emptySchema } from './schemas';
import { backboneProposalSchema } from '../ml/backboneProposal';

/**
 * The backbone the studio proposes for the open project's images, with its reason, and
 * whether the loop follows it (it does until the user picks another backbone).
 */
export const proposalStateSchema = z.object({ proposal: backboneProposalSchema.nullable(), followed: z.boolean() });
export type ProposalStateInfo = z.infer<typeof proposalStateSchema>;

/** Backbone advice for the open project. */
export const backbonesChannels = {
  'backbones:proposal': request(emptySchema, proposalStateSchema),
} as const;
