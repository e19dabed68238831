import { z } from 'zod';
import { request } from './channel';
import { emptySchema, idSchema } from './schemas';
import { backboneProposalSchema } from '../ml/backboneProposal';
import { backboneIdSchema } from '../ml/cards';
import { fineTuneEvidenceSchema } from '../ml/fineTuneEvidence';
import { fineTuneEstimateSchema } from '../ml/messages';

/**
 * The backbone the studio proposes for the open project's images, with its reason, and
 * whether the loop follows it (it does until the user picks another backbone).
 */
export const proposalStateSchema = z.object({ proposal: backboneProposalSchema.nullable(), followed: z.boolean() });
export type ProposalStateInfo = z.infer<typeof proposalStateSchema>;

/**
 * Fine-tuning as the Model view offers it for one backbone: whether it can run here and
 * what it trains, a time estimate measured on this machine before starting, whether it pays
 * at this many labels (from measurements on a public data set), and what the project's own
 * latest fine-tuned run gained on its val split.
 */
export const fineTuneOfferSchema = z.object({
  backboneId: z.string(),
  available: z.boolean(),
  reason: z.string(),
  labels: z.object({ train: z.number().int(), val: z.number().int() }),
  estimate: fineTuneEstimateSchema.nullable(),
  advice: z.object({ pays: z.boolean().nullable(), text: z.string() }),
  evidence: z.array(fineTuneEvidenceSchema),
  measuredHere: z
    .object({ runId: idSchema, frozenVal: z.number().nullable(), tunedVal: z.number().nullable(), valCount: z.number().int(), kept: z.enum(['fine-tuned', 'frozen']) })
    .nullable(),
});
export type FineTuneOffer = z.infer<typeof fineTuneOfferSchema>;

/** Backbone advice for the open project. */
export const backbonesChannels = {
  'backbones:proposal': request(emptySchema, proposalStateSchema),
  /** Times the fine-tuning on this machine (a few seconds of the ML worker) unless `estimate` is false. */
  'backbones:fine-tune-offer': request(z.strictObject({ backboneId: backboneIdSchema.optional(), estimate: z.boolean().default(true) }), fineTuneOfferSchema),
} as const;
