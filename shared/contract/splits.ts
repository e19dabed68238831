import { z } from 'zod';
import { request } from './channel';
import { emptySchema, idSchema } from './schemas';
import { importSplitReportSchema } from './imports';

const splitCountsSchema = z.object({ train: z.number().int(), val: z.number().int(), test: z.number().int() });

/**
 * How the frozen splits stand, for the Classes tab and `studio status`. `strata` are the
 * imported labels (the classes splits are balanced by) and the unlabeled remainder, each with
 * its counts, its 80/10/10 target and whether it is within tolerance (±1 image or 1 %,
 * whichever is larger). `perClass` counts today's labels. `groups` are the near-duplicate
 * groups of the whole project: how many were kept whole in one split, which straddle splits
 * (their images were placed before the group was connected, so they could not be moved), and
 * which were over the cap and cut at a stricter threshold.
 */
export const splitReportSchema = z.object({
  total: z.number().int(),
  ratios: z.object({ train: z.number(), val: z.number(), test: z.number() }),
  strata: z.array(
    z.object({
      /** The imported label, or null for images imported without one. */
      label: z.string().nullable(),
      total: z.number().int(),
      perSplit: splitCountsSchema,
      target: z.object({ train: z.number(), val: z.number(), test: z.number() }),
      tolerance: z.number(),
      withinTolerance: z.boolean(),
    }),
  ),
  perClass: z.array(z.object({ classId: idSchema, name: z.string(), total: z.number().int(), perSplit: splitCountsSchema })),
  groups: z.object({
    cap: z.number().int(),
    count: z.number().int(),
    images: z.number().int(),
    keptWhole: z.number().int(),
    straddling: z.array(z.object({ images: z.number().int(), perSplit: splitCountsSchema, samples: z.array(idSchema) })),
    resplit: importSplitReportSchema.shape.resplit,
    /** Small images imported before the fine hash existed: they are not compared with others. */
    notCompared: z.number().int(),
  }),
});
export type SplitReport = z.infer<typeof splitReportSchema>;

export const splitsChannels = {
  'splits:report': request(emptySchema, splitReportSchema),
} as const;

