import { StudioError } from '../../../shared/contract/channel';
import type { ImageVariant } from '../../../shared/contract/bridge';
import type { StudioHost } from './StudioHost';

/** Resolves a sample id (never a path) to image bytes in the open project. */
export function imageSourceFor(host: StudioHost) {
  return async (sampleId: string, variant: ImageVariant): Promise<{ data: Buffer; mime: string }> => {
    host.requireProject();
    throw new StudioError('unsupported', `Images are not wired yet (${sampleId}, ${variant}).`);
  };
}
