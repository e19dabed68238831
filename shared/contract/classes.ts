import { z } from 'zod';
import { request } from './channel';
import { classDefSchema } from '../domain/records';
import { classInputSchema } from './project';
import { annotatorSchema, classNameSchema, colorSchema, emptySchema, idSchema, shortcutKeySchema } from './schemas';

export const classesChannels = {
  'classes:list': request(emptySchema, z.array(classDefSchema)),
  'classes:create': request(classInputSchema, classDefSchema),
  'classes:update': request(
    z.strictObject({
      id: idSchema,
      name: classNameSchema.optional(),
      color: colorSchema.optional(),
      key: shortcutKeySchema.optional(),
      guideline: z.string().max(20_000).optional(),
      examples: z.array(idSchema).max(24).optional(),
    }),
    classDefSchema,
  ),
  /** How many labels a class holds: asked before a merge or a delete. */
  'classes:usage': request(z.strictObject({ id: idSchema }), z.object({ labels: z.number().int() })),
  'classes:merge': request(z.strictObject({ from: idSchema, into: idSchema, annotator: annotatorSchema.optional() }), z.object({ moved: z.number().int() })),
  'classes:delete': request(z.strictObject({ id: idSchema, annotator: annotatorSchema.optional() }), z.object({ dropped: z.number().int() })),
} as const;
