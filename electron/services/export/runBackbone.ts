import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { StudioError } from '../../../shared/contract/channel';
import { integrityText, type BackboneListing } from '../../../shared/ml/catalog';
import { isPixelsId } from '../../../shared/ml/pixels';
import type { BackboneSpec } from '../../../shared/ml/cards';
import type { RunRecord } from '../../../shared/ml/runs';
import type { ModelCatalog } from '../ml/models/ModelCatalog';

/** The backbone a run embedded with, and what the catalog knows of where it came from. */
export interface RunBackbone {
  spec: BackboneSpec;
  source: {
    kind: BackboneListing['source'] | 'fine-tuned';
    url: string | null;
    licence: string | null;
    /** The checksum the catalog pinned or the publisher stated. */
    sha256: string | null;
    integrityText: string | null;
  };
}

/**
 * The backbone of a finished run, as it is on disk now, without downloading anything: an
 * export carries the file the run used, so a catalog model that is not (or no longer)
 * cached, or a local model whose file is gone, is a clear error that says how to get it
 * back. A fine-tuned run's backbone is the copy saved in `runs/<id>/backbone/`.
 */
export async function runBackbone(catalog: ModelCatalog, projectDir: string, run: RunRecord): Promise<RunBackbone> {
  const id = run.backbone.id;
  if (isPixelsId(id)) return { spec: await catalog.resolve(id), source: { kind: 'built-in', url: null, licence: null, sha256: null, integrityText: integrityText['built-in'] } };
  const listing = (await catalog.list()).find((l) => l.card.id === id) ?? null;
  if (!listing) return fineTunedBackbone(catalog, projectDir, run);
  if (listing.status !== 'ready') {
    const how = listing.source === 'local' ? 'Add the file again with `studio models add` (same card id)' : `Download it again with \`studio models download ${id}\``;
    const what = listing.status === 'missing' ? `is gone (${listing.path ?? 'no path'})` : 'is not in the model cache';
    throw new StudioError('not-found', `Run ${run.id}'s backbone file "${listing.card.name}" ${what}, so there is nothing to export.`, `${how}, then export again.`);
  }
  const { source: kind, url, licence, sha256 } = listing;
  return { spec: await catalog.resolve(id), source: { kind, url, licence, sha256, integrityText: listing.integrityText } };
}

/** `fineTuneBackbone` saves the tuned feature model in the run folder under a derived id. */
async function fineTunedBackbone(catalog: ModelCatalog, projectDir: string, run: RunRecord): Promise<RunBackbone> {
  const modelPath = join(projectDir, 'runs', run.id, 'backbone', 'model.json');
  const baseId = run.backbone.id.replace(/-ft-[a-z0-9]+$/, '');
  const base = baseId !== run.backbone.id ? (await catalog.list()).find((l) => l.card.id === baseId) : undefined;
  if (!base || !existsSync(modelPath)) {
    throw new StudioError('not-found', `Run ${run.id} used the backbone "${run.backbone.id}", which this studio no longer has.`, 'Add the backbone again with the same id, or train a new run and export that.');
  }
  const card = { ...base.card, id: run.backbone.id, name: run.backbone.name, output: { tap: 'output' as const, pool: base.card.output.pool } };
  return { spec: { card, modelPath }, source: { kind: 'fine-tuned', url: null, licence: base.licence, sha256: null, integrityText: `fine-tuned from ${base.card.name} in run ${run.id}` } };
}
