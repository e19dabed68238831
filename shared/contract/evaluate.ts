import { z } from 'zod';
import { request } from './channel';
import { evaluationSchema } from './evaluation';
import { labelingSpeedSchema, roundSchema } from './loop';
import { idSchema } from './schemas';

const runSummarySchema = z.object({
  id: idSchema,
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  /** The round whose model it is (null: a run the learning curve does not show, e.g. replaced). */
  round: z.number().int().nullable(),
  labels: z.object({ train: z.number().int(), val: z.number().int() }),
  backbone: z.string(),
  head: z.string(),
});
export type RunSummary = z.infer<typeof runSummarySchema>;

/**
 * Every figure of the Evaluate tab for one run (the latest succeeded one unless named): test
 * and val figures on today's labels with intervals and counts, the learning curve with every
 * round scored on the same test labels, how many test labels were chosen by model
 * disagreement, and labeling speed. `studio evaluate --json` prints exactly this.
 */
export const evaluationReportSchema = z.object({
  run: runSummarySchema.nullable(),
  /** Succeeded runs, newest first: what the run picker and the comparison offer. */
  runs: z.array(runSummarySchema),
  test: evaluationSchema.nullable(),
  val: evaluationSchema.nullable(),
  /** Why `test` / `val` is null, in words. */
  notes: z.object({ test: z.string().nullable(), val: z.string().nullable() }),
  rounds: z.array(roundSchema),
  curve: z.object({
    /** Test labels every scored round is judged on. */
    testLabels: z.number().int(),
    scored: z.number().int(),
    unscored: z.number().int(),
  }),
  /** Labeled test samples whose label was set in a view of the model's predictions. */
  testLabelsChosenByModel: z.number().int(),
  minimum: z.number().int(),
  speed: labelingSpeedSchema,
});
export type EvaluationReport = z.infer<typeof evaluationReportSchema>;

export const failureCaseSchema = z.object({
  sampleId: idSchema,
  split: z.enum(['val', 'test']),
  trueClassId: idSchema,
  predictedClassId: idSchema,
  /** The probability the model gave its (wrong) prediction. */
  probability: z.number(),
  /** The probability it gave the true class. */
  trueProbability: z.number(),
});
export type FailureCase = z.infer<typeof failureCaseSchema>;

const mistakesSchema = z.object({ count: z.number().int(), cases: z.array(failureCaseSchema) });

/**
 * A run's mistakes on labeled held-out samples, per class, most confident first: false
 * positives (predicted as the class, labeled otherwise) and false negatives (labeled as the
 * class, predicted otherwise). `count` is all of them; `cases` the first `limit`.
 */
export const failureCasesSchema = z.object({
  runId: idSchema,
  splits: z.array(z.enum(['val', 'test'])),
  labeled: z.number().int(),
  perClass: z.array(z.object({ classId: idSchema, support: z.number().int(), falsePositives: mistakesSchema, falseNegatives: mistakesSchema })),
});
export type FailureCases = z.infer<typeof failureCasesSchema>;

const deltaSchema = z.object({ base: z.number().nullable(), other: z.number().nullable(), delta: z.number().nullable() });
export type Delta = z.infer<typeof deltaSchema>;

/**
 * Two runs on the same test labels (those both scored): accuracy and macro-F1 of each and
 * their difference, per class with its n, and how many predictions changed: `fixed` (wrong
 * before, right now), `broken` (right before, wrong now), `otherwise` (another wrong class).
 */
export const runComparisonSchema = z.object({
  base: runSummarySchema,
  other: runSummarySchema,
  count: z.number().int(),
  tooFew: z.boolean(),
  accuracy: deltaSchema,
  macroF1: deltaSchema,
  perClass: z.array(z.object({ classId: idSchema, n: z.number().int(), precision: deltaSchema, recall: deltaSchema, f1: deltaSchema })),
  changed: z.object({ fixed: z.number().int(), broken: z.number().int(), otherwise: z.number().int() }),
});
export type RunComparison = z.infer<typeof runComparisonSchema>;

const heldOutSplitsSchema = z.array(z.enum(['val', 'test'])).min(1).max(2);

export const evaluateChannels = {
  'evaluate:report': request(z.strictObject({ runId: idSchema.optional() }), evaluationReportSchema),
  'evaluate:failures': request(
    z.strictObject({
      runId: idSchema.optional(),
      splits: heldOutSplitsSchema.default(['val', 'test']),
      /** Cases listed per class and kind (counts are always complete). */
      limit: z.number().int().min(1).max(200).default(12),
    }),
    failureCasesSchema,
  ),
  'evaluate:compare': request(z.strictObject({ baseRunId: idSchema, runId: idSchema }), runComparisonSchema),
} as const;
