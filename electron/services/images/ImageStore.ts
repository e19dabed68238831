import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { StudioError } from '../../../shared/contract/channel';
import { idSchema } from '../../../shared/contract/schemas';
import type { Sample } from '../../../shared/domain/records';
import type { Project } from '../project/Project';
import { projectFiles } from '../project/documents';
import { isCode } from '../storage/durableWrite';
import { thumbnailPath, writeFileAtomically } from '../ingest/thumbnail';
import { ImportRejection } from '../ingest/rejection';
import { browserMimes, imageVariants, originalAsPreview, renderOriginalAsPng, renderPreview, renderThumbnailFromFile, type ImageData, type ImageVariant } from './variants';

/**
 * Serves a project's images by sample id, never by path: the custom protocol
 * (`studio://image/<id>/<variant>`) and the browser-mode HTTP route hand over an id and a
 * variant, and only the project's own records turn that into a file. Thumbnails come from
 * import (remade if deleted); previews are made once and cached, unless the file already is
 * a small upright browser image (then it is its own preview); originals are served as they
 * are when browsers show them, else as PNG.
 */
export class ImageStore {
  private readonly previewJobs = new Map<string, Promise<ImageData>>();
  private prefetchQueue: string[] = [];
  private prefetching: Promise<void> | null = null;

  constructor(readonly project: Project) {}

  async get(sampleId: string, variant: ImageVariant): Promise<ImageData> {
    if (!(imageVariants as readonly string[]).includes(variant)) {
      throw new StudioError('invalid-request', `Unknown image variant "${String(variant).slice(0, 40)}".`, `Ask for one of: ${imageVariants.join(', ')}.`);
    }
    const sample = this.sampleOf(sampleId);
    if (variant === 'thumb') return { data: await this.thumbnail(sample), mime: 'image/webp' };
    if (variant === 'preview') return this.preview(sample);
    return this.original(sample);
  }

  /**
   * Makes previews ahead of need (the next items of the labeling queue), one at a time so
   * requests the user is waiting for go first. Ids already queued are not queued twice;
   * failures (a missing file) are left for the real request to report.
   */
  /** Stops background work; resolves once nothing more will be written for this project. */
  async close(): Promise<void> {
    this.prefetchQueue = [];
    await this.prefetching;
  }

  prefetchPreviews(ids: string[]): Promise<void> {
    for (const id of ids) if (!this.prefetchQueue.includes(id)) this.prefetchQueue.push(id);
    this.prefetchQueue = this.prefetchQueue.slice(-200);
    this.prefetching ??= this.drainPrefetch().finally(() => (this.prefetching = null));
    return this.prefetching;
  }

  private async drainPrefetch(): Promise<void> {
    for (let id = this.prefetchQueue.shift(); id !== undefined; id = this.prefetchQueue.shift()) {
      const sample = this.project.samples.get(id);
      if (sample) await this.preview(sample).catch(() => undefined);
    }
  }

  private sampleOf(sampleId: string): Sample {
    const sample = idSchema.safeParse(sampleId).success ? this.project.samples.get(sampleId) : undefined;
    if (!sample) throw new StudioError('not-found', `No image with id ${String(sampleId).slice(0, 64)} in this project.`);
    return sample;
  }

  private async thumbnail(sample: Sample): Promise<Buffer> {
    const path = thumbnailPath(this.project.dir, sample.hash);
    const cached = await readIfPresent(path);
    if (cached) return cached;
    const data = await fromSource(sample, () => renderThumbnailFromFile(sample.path));
    await writeFileAtomically(path, data).catch(() => undefined); // a read-only project still gets its image
    return data;
  }

  private preview(sample: Sample): Promise<ImageData> {
    let job = this.previewJobs.get(sample.id);
    if (!job) {
      job = this.makePreview(sample).finally(() => this.previewJobs.delete(sample.id));
      this.previewJobs.set(sample.id, job);
    }
    return job;
  }

  private async makePreview(sample: Sample): Promise<ImageData> {
    const path = join(this.project.dir, projectFiles.cache, 'preview', sample.hash.slice(0, 2), `${sample.hash}.webp`);
    const cached = await readIfPresent(path);
    if (cached) return { data: cached, mime: 'image/webp' };
    const asIs = await fromSource(sample, () => originalAsPreview(sample));
    if (asIs) return asIs;
    const data = await fromSource(sample, () => renderPreview(sample.path));
    await writeFileAtomically(path, data).catch(() => undefined);
    return { data, mime: 'image/webp' };
  }

  private async original(sample: Sample): Promise<ImageData> {
    const mime = browserMimes[sample.format];
    if (mime) return { data: await fromSource(sample, () => readFile(sample.path)), mime };
    return { data: await fromSource(sample, () => renderOriginalAsPng(sample.path)), mime: 'image/png' };
  }
}

async function readIfPresent(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch (error) {
    if (isCode(error, 'ENOENT', 'ENOTDIR')) return null;
    throw error;
  }
}

/** Runs `read` on the sample's file, turning a vanished or damaged file into a clear error. */
async function fromSource<T>(sample: Sample, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (isCode(error, 'ENOENT', 'ENOTDIR') || /Input file is missing|no such file/i.test(message)) {
      throw new StudioError('not-found', `The image file is missing: ${sample.path}`, 'It was moved, renamed or deleted after import. Put it back, or import it again from its new place.');
    }
    const detail = error instanceof ImportRejection ? error.detail : message.split('\n')[0];
    throw new StudioError('io', `The image file ${sample.path} can no longer be read: ${detail}`, 'It may have been changed or damaged since import.');
  }
}
