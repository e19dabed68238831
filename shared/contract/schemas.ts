import { z } from 'zod';

// Building blocks shared by the channel schemas. Every string and array is bounded so a
// hostile or buggy payload cannot make main allocate without limit.

export const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'an id of letters, digits, _ or -');

/** An absolute filesystem path, POSIX or Windows, without NUL bytes. */
export const absolutePathSchema = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => !p.includes('\0'), 'a path without NUL bytes')
  .refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\'), 'an absolute path');

export const splitSchema = z.enum(['train', 'val', 'test']);
export type Split = z.infer<typeof splitSchema>;

export const colorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #1f77b4');

/** One printable character that is not a key the labeling view uses for itself. */
export const shortcutKeySchema = z
  .string()
  .max(1)
  .refine((k) => k === '' || /^[a-zA-Z0-9]$/.test(k), 'a letter or digit')
  .refine((k) => !['s', 'f', 'h', 't'].includes(k.toLowerCase()), 'S, F, H and T are taken by skip, flag, help and retrain');

export const classNameSchema = z
  .string()
  .trim()
  .min(1, 'a class name')
  .max(80)
  .refine((n) => !/[\u0000-\u001f,]/.test(n), 'a name without commas or control characters');

export const annotatorSchema = z.string().trim().min(1).max(80);

export const noticeSchema = z.object({
  level: z.enum(['info', 'warning']),
  message: z.string(),
});
export type Notice = z.infer<typeof noticeSchema>;

export const emptySchema = z.strictObject({});
