import { z } from 'zod';

export const BUNDLE_FORMAT = 'active-learning-studio-bundle';
export const BUNDLE_VERSION = 1;

/** Archive layout: the manifest, the project folder's files, and (optionally) the images by content hash. */
export const bundleEntries = { manifest: 'bundle.json', project: 'project', images: 'images' } as const;

/**
 * `bundle.json`, the first entry of a bundle: what it holds and where each sample's image was
 * on the machine it came from. Images travel (when bundled) as `images/<hh>/<sha256><ext>`.
 */
export const bundleManifestSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  version: z.number().int().positive(),
  createdAt: z.string(),
  project: z.object({ id: z.string(), name: z.string(), dir: z.string() }),
  samples: z.number().int().nonnegative(),
  withImages: z.boolean(),
  /** Project files, relative to the project folder ('/'-separated). */
  files: z.array(z.string()),
  /** Bundled images: content hash → archive entry. */
  images: z.record(z.string().regex(/^[0-9a-f]{64}$/), z.string()),
});
export type BundleManifest = z.infer<typeof bundleManifestSchema>;

/** Where a bundled image lives in the archive. */
export function imageEntry(hash: string, ext: string): string {
  return `${bundleEntries.images}/${hash.slice(0, 2)}/${hash}${ext.toLowerCase()}`;
}
