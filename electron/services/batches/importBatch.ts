import type { BatchSummary, HeldSample } from '../../../shared/contract/batches';
import type { ImportReport } from '../../../shared/contract/imports';
import { runImport } from '../ingest';
import type { ImportOptions, SampleSink } from '../ingest/types';
import type { Project } from '../project/Project';
import { BatchStore } from './BatchStore';
import { batchSummary } from './batchSummary';

/**
 * Imports folders as a named batch of new data, through the project's own import pipeline
 * (the same checks, rejections, thumbnails and duplicate detection), but into the batch's
 * journal instead of the project's samples: the images stay out of the queue, training and
 * evaluation until they are moved in. Importing into an existing name adds to that batch.
 */
export async function importBatch(
  project: Project,
  request: { name: string; sources: string[] },
  options: Pick<ImportOptions, 'signal' | 'onProgress' | 'jobId'> = {},
): Promise<{ batch: BatchSummary; report: ImportReport }> {
  const store = await BatchStore.for(project);
  const batch = await store.ensure(request.name, request.sources);
  const journal = await store.openJournal(batch.id);
  const sink: SampleSink & { committed: number } = {
    committed: 0,
    async commit(prepared) {
      if (prepared.length === 0) return;
      const addedAt = new Date().toISOString();
      const held: HeldSample[] = prepared.map((p) => ({
        id: p.hash.slice(0, 16),
        path: p.path,
        relativePath: p.relativePath,
        hash: p.hash,
        dhash: p.dhash,
        fineHash: p.fineHash,
        width: p.width,
        height: p.height,
        format: p.format,
        bytes: p.bytes,
        importedLabel: null,
        addedAt,
      }));
      await journal.append(held);
      sink.committed += held.length;
    },
    pathOf: (hash) => store.heldByHash(hash)?.path,
  };
  try {
    const report = await runImport(project, { sources: request.sources, labelsFrom: 'none' }, { ...options, sink });
    return { batch: batchSummary(store.require(batch.id)), report };
  } finally {
    await journal.close();
  }
}
