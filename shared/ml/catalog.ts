import { z } from 'zod';
import { backboneCardSchema } from './cards';

/**
 * A well-known pretrained backbone the studio can download on first use. `sha256` is set
 * only where the publisher states one (for Hugging Face files: the Git LFS pointer of the
 * pinned revision); otherwise the first download's hash is pinned and later downloads must
 * match it.
 */
export const catalogEntrySchema = z.object({
  card: backboneCardSchema,
  url: z.string().url(),
  /** Approximate size for the UI before the download starts. */
  bytes: z.number().int().positive(),
  licence: z.string(),
  licenceUrl: z.string().url().optional(),
  homepage: z.string().url().optional(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
  /** File name in the cache folder. */
  fileName: z.string().regex(/^[A-Za-z0-9._-]+$/),
  description: z.string(),
});
export type CatalogEntry = z.output<typeof catalogEntrySchema>;

/**
 * How sure the studio is that a cached model file is the one its source published:
 * `publisher-sha256` the publisher's checksum matched; `pinned-on-first-download` no
 * published checksum, the first download's hash is pinned; `local` added by the user.
 */
export const integritySchema = z.enum(['publisher-sha256', 'pinned-on-first-download', 'local', 'built-in']);
export type Integrity = z.infer<typeof integritySchema>;

export const integrityText: Record<Integrity, string> = {
  'publisher-sha256': 'verified by publisher sha256',
  'pinned-on-first-download': 'pinned on first download',
  local: 'local file added by you',
  'built-in': 'built in, nothing to download',
};

/** One backbone as the UI and `studio backbones` list it. */
export const backboneListingSchema = z.object({
  card: backboneCardSchema,
  source: z.enum(['built-in', 'catalog', 'local']),
  /** `ready`: usable now; `not-downloaded`: downloads on first use; `partial`: a download can resume; `missing`: a local file is gone. */
  status: z.enum(['ready', 'not-downloaded', 'partial', 'missing']),
  integrity: integritySchema.nullable(),
  integrityText: z.string().nullable(),
  sha256: z.string().nullable(),
  bytes: z.number().int().nullable(),
  downloadedBytes: z.number().int().nullable(),
  url: z.string().nullable(),
  licence: z.string().nullable(),
  path: z.string().nullable(),
  description: z.string(),
});
export type BackboneListing = z.output<typeof backboneListingSchema>;

/** Pushed while a model downloads; `totalBytes` is null when the server does not say. */
export const downloadProgressSchema = z.object({
  backboneId: z.string(),
  receivedBytes: z.number().int().nonnegative(),
  totalBytes: z.number().int().nullable(),
  /** Bytes kept from an earlier, interrupted download. */
  resumedFrom: z.number().int().nonnegative(),
});
export type DownloadProgress = z.output<typeof downloadProgressSchema>;
