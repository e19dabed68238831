import { z } from 'zod';
import { request } from './channel';
import { annotatorSchema, emptySchema, idSchema } from './schemas';

/**
 * What a person may do in a project. Everyone labels; a reviewer also decides the review
 * queue (conflicts, overlap disagreements, flagged images), with the final word. Names not
 * listed are annotators.
 */
export const teamRoles = ['annotator', 'reviewer'] as const;
export const teamRoleSchema = z.enum(teamRoles);
export type TeamRole = z.infer<typeof teamRoleSchema>;

/** The share of samples two people label independently, to measure agreement. At most half. */
export const overlapRateSchema = z.number().min(0).max(0.5);

/**
 * The project's team, as the lead set it up (stored in the project, team.json): roles per
 * name and the overlap setting. `people` adds everyone who decided anything, with counts.
 */
export const teamSchema = z.object({
  members: z.array(z.object({ name: z.string(), role: teamRoleSchema })),
  people: z.array(z.object({ name: z.string(), role: teamRoleSchema, labels: z.number().int(), lastAt: z.string().nullable() })),
  overlap: z.object({
    rate: overlapRateSchema,
    /** Samples chosen (seeded, at random) for two answers. */
    samples: z.number().int(),
    /** Of those, how many two people have answered. */
    answered: z.number().int(),
  }),
  /** Who may change roles and overlap: anyone until there is a reviewer, then reviewers. */
  reviewersOnly: z.boolean(),
});
export type Team = z.infer<typeof teamSchema>;

const figure = z.number().nullable();

/** Agreement figures; each says how many items it rests on (see shared/domain/agreementReport). */
export const agreementReportSchema = z.object({
  classIds: z.array(idSchema),
  items: z.number().int(),
  alpha: figure,
  perClass: z.array(z.object({ classId: idSchema, items: z.number().int(), alpha: figure })),
  pairs: z.array(z.object({ a: z.string(), b: z.string(), items: z.number().int(), kappa: figure, observed: figure, confusion: z.array(z.array(z.number().int())) })),
  model: z.object({
    runId: z.string().nullable(),
    people: z.array(z.object({ annotator: z.string(), items: z.number().int(), agreement: figure, kappa: figure })),
  }),
  minItems: z.number().int(),
});
export type AgreementReportPayload = z.infer<typeof agreementReportSchema>;

export const teamChannels = {
  'team:get': request(emptySchema, teamSchema),
  /** Sets a person's role (null: back to annotator). `by` is who asks (a reviewer once there is one). */
  'team:set-role': request(z.strictObject({ name: annotatorSchema, role: teamRoleSchema.nullable(), by: annotatorSchema.optional() }), teamSchema),
  'team:set-overlap': request(z.strictObject({ rate: overlapRateSchema, by: annotatorSchema.optional() }), teamSchema),
  'team:agreement': request(emptySchema, agreementReportSchema),
} as const;
