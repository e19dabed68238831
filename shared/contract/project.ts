import { z } from 'zod';
import { request, event } from './channel';
import { absolutePathSchema, annotatorSchema, classNameSchema, colorSchema, emptySchema, noticeSchema, shortcutKeySchema } from './schemas';
import { classDefSchema } from '../domain/records';

export const classInputSchema = z.strictObject({
  name: classNameSchema,
  color: colorSchema.optional(),
  key: shortcutKeySchema.optional(),
  guideline: z.string().max(20_000).optional(),
});
export type ClassInput = z.infer<typeof classInputSchema>;

/** What the UI needs to show an open project. */
export const projectSummarySchema = z.object({
  dir: z.string(),
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  schemaVersion: z.number().int(),
  classes: z.array(classDefSchema),
  sampleCount: z.number().int(),
  readOnly: z.boolean(),
  /** Things the user must be told on opening, e.g. a document restored from its backup. */
  notices: z.array(noticeSchema),
});
export type ProjectSummary = z.infer<typeof projectSummarySchema>;

export const recentProjectSchema = z.object({
  dir: z.string(),
  name: z.string(),
  openedAt: z.string(),
  exists: z.boolean(),
});
export type RecentProject = z.infer<typeof recentProjectSchema>;

const splitCountsSchema = z.object({ train: z.number(), val: z.number(), test: z.number() });

/** Counts per class and split, as `studio status` prints them. */
export const projectStatusSchema = z.object({
  total: z.number().int(),
  labeled: z.number().int(),
  unlabeled: z.number().int(),
  flagged: z.number().int(),
  skipped: z.number().int(),
  perSplit: splitCountsSchema,
  labeledPerSplit: splitCountsSchema,
  perClass: z.array(
    z.object({ classId: z.string(), name: z.string(), count: z.number().int(), perSplit: splitCountsSchema }),
  ),
  /** What opening the project found and did (a document restored, damaged lines set aside…). */
  notices: z.array(noticeSchema),
});
export type ProjectStatus = z.infer<typeof projectStatusSchema>;

export const appInfoSchema = z.object({
  version: z.string(),
  mode: z.enum(['electron', 'browser']),
  platform: z.string(),
  annotator: z.string(),
  /** True until the user has created or opened any project: the demo is offered. */
  firstRun: z.boolean(),
  /** Where the demo project is created when the user asks for it. */
  defaultDemoDir: z.string(),
  /** Whether native folder/file dialogs exist (Electron) or paths are typed (browser). */
  nativeDialogs: z.boolean(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const projectChannels = {
  'app:info': request(emptySchema, appInfoSchema),
  'app:set-annotator': request(z.strictObject({ name: annotatorSchema }), emptySchema),

  'project:create': request(
    z.strictObject({
      dir: absolutePathSchema,
      name: z.string().trim().min(1).max(120).optional(),
      classes: z.array(classInputSchema).max(200).optional(),
    }),
    projectSummarySchema,
  ),
  /**
   * `recovery` answers a `damaged` error (a journal that lost records): look without changing
   * anything (`read-only`), or go on with what is there (`accept-loss`, the notices say what is lost).
   */
  'project:open': request(z.strictObject({ dir: absolutePathSchema, recovery: z.enum(['read-only', 'accept-loss']).optional() }), projectSummarySchema),
  'project:demo': request(z.strictObject({ dir: absolutePathSchema.optional() }), projectSummarySchema),
  'project:close': request(emptySchema, emptySchema),
  'project:current': request(emptySchema, projectSummarySchema.nullable()),
  'project:recent': request(emptySchema, z.array(recentProjectSchema)),
  'project:status': request(emptySchema, projectStatusSchema),
  /** Opens a native folder picker (Electron only); null when the user cancels. */
  'project:choose-folder': request(
    z.strictObject({ purpose: z.enum(['create', 'open', 'import', 'csv', 'model']) }),
    z.object({ path: z.string().nullable() }),
  ),
  /** Something in the open project changed; every window and browser tab refreshes it. */
  'project:changed': event(
    z.object({
      what: z.array(z.enum(['project', 'classes', 'samples', 'labels', 'runs', 'queue', 'team'])),
    }),
  ),
} as const;
