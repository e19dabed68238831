import type { ImageVariant } from '../../../shared/contract/bridge';
import { ImageStore } from '../images';
import type { StudioHost } from './StudioHost';

/** Resolves a sample id (never a path) to image bytes in the open project. */
export function imageSourceFor(host: StudioHost) {
  let store: ImageStore | null = null;
  host.onProjectClose(() => {
    store = null;
  });
  return (sampleId: string, variant: ImageVariant): Promise<{ data: Buffer; mime: string }> => {
    const project = host.requireProject();
    if (!store || store.project !== project) store = new ImageStore(project);
    return store.get(sampleId, variant);
  };
}
