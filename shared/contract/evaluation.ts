import { z } from 'zod';
import { idSchema } from './schemas';

/** A figure in [0, 1] with its 95 % interval (Wilson for accuracy, a seeded bootstrap for macro-F1). */
export const intervalSchema = z.object({ value: z.number(), low: z.number(), high: z.number() });

/** A headline figure as the status bar shows it: the value, its interval and the labels it rests on. */
export const figureSchema = intervalSchema.extend({ n: z.number().int().nonnegative() });
export type Figure = z.infer<typeof figureSchema>;

/**
 * Why a per-class figure is "—" rather than a number: `no-labels` (the split has no labels of
 * the class, so recall and F1 are undefined) or `never-predicted` (the model never chose the
 * class, so precision is undefined).
 */
export const missingReasonSchema = z.enum(['no-labels', 'never-predicted']);
export type MissingReason = z.infer<typeof missingReasonSchema>;

export const classFiguresSchema = z.object({
  classId: idSchema,
  /** Labels of the class in the split. */
  support: z.number().int(),
  /** Rows the model put in the class. */
  predicted: z.number().int(),
  correct: z.number().int(),
  precision: z.number().nullable(),
  recall: z.number().nullable(),
  f1: z.number().nullable(),
  missing: z.object({ precision: missingReasonSchema.optional(), recall: missingReasonSchema.optional(), f1: missingReasonSchema.optional() }),
});
export type ClassFigures = z.infer<typeof classFiguresSchema>;

/**
 * Classification quality of one run on the labeled samples of a split (the frozen test split
 * for the learning curve). Every figure says what it rests on: `count` labels, and `tooFew`
 * when that is under `minimum`, in which case the UI mutes it. Figures that cannot be computed
 * are null ("—"), never 0. `chosenByModel` counts labels set from a view that showed the
 * model's predictions (a confusion-matrix drill-down, failure cases, a gallery sorted by
 * confidence): such labels were picked because the model disagreed, so they flatter it once
 * "fixed"; the accuracy without them is given beside. `leakyExcluded` counts labeled test
 * samples left out because a near-copy of theirs sits in train or val (the data checks found
 * it): the model has in effect seen them, and splits never change after import.
 */
export const evaluationSchema = z.object({
  split: z.enum(['val', 'test']),
  count: z.number().int(),
  minimum: z.number().int(),
  tooFew: z.boolean(),
  accuracy: intervalSchema.nullable(),
  /** Mean F1 over the `classes` that have labels in the split. */
  macroF1: intervalSchema.extend({ classes: z.number().int() }).nullable(),
  /** Expected calibration error over 10 confidence bins. */
  ece: z.number().nullable(),
  perClass: z.array(classFiguresSchema),
  /** rows = true class, columns = predicted class, both in `classIds` order. */
  confusion: z.array(z.array(z.number().int())),
  classIds: z.array(idSchema),
  chosenByModel: z.object({ count: z.number().int(), countWithout: z.number().int(), accuracyWithout: intervalSchema.nullable() }),
  leakyExcluded: z.number().int().optional(),
});
export type Evaluation = z.infer<typeof evaluationSchema>;
