import type { BackboneSpec } from '../../../shared/ml/cards';
import type { JobOf } from '../../../shared/ml/messages';
import type { RunRecord } from '../../../shared/ml/runs';
import type { ModelCatalog } from '../ml/models/ModelCatalog';
import type { Project } from '../project/Project';

export interface QueryJobOptions {
  strategy: string;
  n: number;
  /** The model whose probabilities and head the strategy reads; null before there is one. */
  model: RunRecord | null;
  /** The backbone for embeddings when there is no model (or its backbone is gone). */
  backboneId: string;
  seed: number;
  /** Samples to leave out, e.g. the ones the client already holds. */
  skip?: ReadonlySet<string>;
  signal?: AbortSignal;
}

/**
 * The worker's query job for a project as it is now: candidates are the unlabeled,
 * unskipped, unflagged train samples; every labeled train or val sample lets diversity
 * avoid what is known. The loop and `studio query` both ask through here.
 */
export async function queryJobFor(project: Project, catalog: ModelCatalog, options: QueryJobOptions): Promise<JobOf<'query'>> {
  const candidateIds: string[] = [];
  const labeledIds: string[] = [];
  const book = project.labels.book;
  for (const sample of project.samples.all) {
    const state = book.stateOf(sample.id);
    if (state.classId !== null) {
      if (sample.split !== 'test') labeledIds.push(sample.id);
    } else if (sample.split === 'train' && !state.skipped && !state.flag && !options.skip?.has(sample.id)) candidateIds.push(sample.id);
  }
  return {
    kind: 'query',
    projectDir: project.dir,
    strategy: options.strategy,
    n: options.n,
    candidateIds,
    labeledIds,
    backbone: await backboneFor(catalog, options.model, options.backboneId, options.signal),
    runId: options.model?.id ?? null,
    classNames: Object.fromEntries(project.doc.classes.map((c) => [c.id, c.name])),
    seed: options.seed | 0,
  };
}

/** The model's own backbone when there is a model (its head reads those embeddings), else the chosen one. */
async function backboneFor(catalog: ModelCatalog, model: RunRecord | null, chosen: string, signal?: AbortSignal): Promise<BackboneSpec> {
  if (model && model.backbone.id !== chosen) {
    try {
      return await catalog.resolve(model.backbone.id, { signal });
    } catch {
      // The model's backbone is gone (a removed local model): diversity still works on the chosen one.
    }
  }
  return catalog.resolve(chosen, { signal });
}
