import type { BatchRecord, BatchSummary } from '../../../shared/contract/batches';

export function batchSummary(batch: BatchRecord): BatchSummary {
  return {
    id: batch.id,
    name: batch.name,
    createdAt: batch.createdAt,
    sources: batch.sources,
    count: batch.count,
    moved: Object.keys(batch.moved).length,
    audited: batch.audits.reduce((sum, a) => sum + a.sampleIds.length, 0),
  };
}
