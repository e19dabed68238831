import type { ImageVariant } from '../../../shared/contract/bridge';
import { ImageStore } from '../images';
import type { StudioHost } from './StudioHost';

/**
 * Image bytes by sample id (never a path) for whichever project is open: what the custom
 * protocol and the browser-mode route serve, and what the queue warms ahead of the UI.
 */
export class ProjectImages {
  private store: ImageStore | null = null;

  constructor(private readonly host: StudioHost) {
    host.onProjectClose(async () => {
      const closing = this.store;
      this.store = null;
      await closing?.close(); // no preview is written into a project after it closed
    });
  }

  get(sampleId: string, variant: ImageVariant): Promise<{ data: Buffer; mime: string }> {
    return this.current().get(sampleId, variant);
  }

  /** Makes the previews of the next samples in the background, so they are ready when asked for. */
  prefetch(sampleIds: string[]): void {
    if (!this.host.project || sampleIds.length === 0) return;
    void this.current().prefetchPreviews(sampleIds);
  }

  private current(): ImageStore {
    const project = this.host.requireProject();
    if (!this.store || this.store.project !== project) this.store = new ImageStore(project);
    return this.store;
  }
}
