import { createHash } from 'node:crypto';
import { mkdir, rename, rm, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { StudioError } from '../../../../shared/contract/channel';
import { integrityText, type BackboneListing, type CatalogEntry, type DownloadProgress } from '../../../../shared/ml/catalog';
import type { BackboneCardInput, BackboneSpec } from '../../../../shared/ml/cards';
import type { ValidationReport } from '../../../../shared/ml/messages';
import { builtinPixelsIds, isPixelsId, pixelsCard } from '../../../../shared/ml/pixels';
import { BUILTIN_MOBILENET_ID } from '../../../../shared/ml/builtinNetworks';
import { builtInListing, builtinNetworkListing, resolveBuiltinNetwork } from './builtinNetwork';
import { DurableJsonFile } from '../../storage/DurableJsonFile';
import { fsyncDirectory } from '../../storage/durableWrite';
import { catalogEntries } from './catalogEntries';
import { studioCacheDir } from './cacheDir';
import { downloadToPart, sha256OfFile } from './download';
import { copyLocalModel, readLocalCard } from './localModels';
import { modelStateSchema, type ModelState } from './modelState';

export interface ModelCatalogOptions {
  /** Defaults to STUDIO_CACHE_DIR or ~/.cache/active-learning-studio. */
  cacheDir?: string;
  entries?: CatalogEntry[];
  /** Runs one dummy image through a model (the ML worker's validate-backbone job). */
  validate?(spec: BackboneSpec): Promise<ValidationReport>;
}

export interface FetchOptions {
  signal?: AbortSignal;
  onProgress?(progress: DownloadProgress): void;
}

/**
 * Every backbone the studio can use: the built-in MobileNetV2 and `pixels` variants, the catalog of pretrained
 * models (downloaded on first use into the cache folder, checked by sha256), and local
 * models the user added. `resolve` turns an id into what the ML worker needs, downloading
 * first when the model is not cached yet.
 */
export class ModelCatalog {
  readonly cacheDir: string;
  private readonly entries: CatalogEntry[];
  private readonly inflight = new Map<string, Promise<BackboneSpec>>();
  private state: Promise<Low<ModelState>> | null = null;

  constructor(private readonly options: ModelCatalogOptions = {}) {
    this.cacheDir = options.cacheDir ?? studioCacheDir();
    this.entries = options.entries ?? catalogEntries;
  }

  private get modelsDir(): string {
    return join(this.cacheDir, 'models');
  }

  async list(): Promise<BackboneListing[]> {
    const state = (await this.db()).data;
    const builtins = [builtinNetworkListing(), ...builtinPixelsIds.map((id) => pixelsListing(id))];
    const catalog = await Promise.all(this.entries.map((entry) => this.catalogListing(entry, state)));
    const local = await Promise.all(
      Object.values(state.local).map(async (model) => ({
        card: model.card,
        source: 'local' as const,
        status: (await exists(model.path)) ? ('ready' as const) : ('missing' as const),
        integrity: 'local' as const,
        integrityText: integrityText.local,
        sha256: model.sha256,
        bytes: model.bytes,
        downloadedBytes: null,
        url: null,
        licence: null,
        path: model.path,
        description: `Added from ${model.source} on ${model.addedAt.slice(0, 10)}.`,
      })),
    );
    return [...builtins, ...catalog, ...local];
  }

  /** What the worker needs to load `id`; downloads a catalog model on first use. */
  resolve(id: string, options: FetchOptions = {}): Promise<BackboneSpec> {
    if (isPixelsId(id)) {
      const card = pixelsCard(id);
      if (card) return Promise.resolve({ card, modelPath: null });
    }
    if (id === BUILTIN_MOBILENET_ID) return resolveBuiltinNetwork(this.modelsDir);
    const entry = this.entries.find((e) => e.card.id === id);
    if (entry) return this.ensureDownloaded(entry, options);
    return this.resolveLocal(id);
  }

  /** Downloads a catalog model now (no-op when it is cached). */
  async download(id: string, options: FetchOptions = {}): Promise<BackboneListing> {
    const entry = this.entries.find((e) => e.card.id === id);
    if (!entry) throw new StudioError('not-found', `"${id}" is not in the model catalog.`, 'Run `studio backbones` to see the catalog.');
    await this.ensureDownloaded(entry, options);
    return this.catalogListing(entry, (await this.db()).data);
  }

  /**
   * Adds a local `.onnx` file or TF.js `model.json` with its card: the files are copied
   * into the cache and one dummy image is run through them, so a wrong card is refused
   * now, with the reason, rather than failing a run later.
   */
  async addLocal(file: string, cardInput: unknown): Promise<BackboneListing> {
    const db = await this.db();
    const { card, source } = await readLocalCard(file, cardInput as BackboneCardInput);
    if (isPixelsId(card.id) || card.id === BUILTIN_MOBILENET_ID || this.entries.some((e) => e.card.id === card.id) || db.data.local[card.id]) {
      throw new StudioError('conflict', `A backbone with id "${card.id}" already exists.`, 'Choose another id in the card.');
    }
    const copied = await copyLocalModel(source, card, join(this.modelsDir, 'local'));
    try {
      if (this.options.validate) await this.options.validate({ card, modelPath: copied.modelPath });
    } catch (error) {
      await rm(copied.dir, { recursive: true, force: true });
      throw error;
    }
    db.data.local[card.id] = { card, path: copied.modelPath, source: file, addedAt: new Date().toISOString(), sha256: copied.sha256, bytes: copied.bytes };
    await db.write();
    return (await this.list()).find((l) => l.card.id === card.id)!;
  }

  /**
   * Lists a backbone a training run fine-tuned (its ONNX file stays in the project's run
   * folder): the worker made and used it already, so it is not run through validation.
   */
  async registerFineTuned(spec: BackboneSpec, source: string): Promise<void> {
    if (!spec.modelPath) throw new StudioError('invalid-request', `The fine-tuned backbone "${spec.card.id}" has no model file.`);
    const db = await this.db();
    const { size } = await stat(spec.modelPath);
    db.data.local[spec.card.id] = { card: spec.card, path: spec.modelPath, source, addedAt: new Date().toISOString(), sha256: await sha256OfFile(spec.modelPath), bytes: size };
    await db.write();
  }

  private async resolveLocal(id: string): Promise<BackboneSpec> {
    const model = (await this.db()).data.local[id];
    if (!model) throw new StudioError('not-found', `No backbone "${id}".`, 'Run `studio backbones` to see the ones you can use.');
    if (!(await exists(model.path))) {
      throw new StudioError('not-found', `The model file of "${id}" is gone (${model.path}).`, `Add it again with \`studio models add\`.`);
    }
    return { card: model.card, modelPath: model.path };
  }

  private ensureDownloaded(entry: CatalogEntry, options: FetchOptions): Promise<BackboneSpec> {
    const id = entry.card.id;
    const running = this.inflight.get(id);
    if (running) return running;
    const job = this.fetchEntry(entry, options).finally(() => this.inflight.delete(id));
    this.inflight.set(id, job);
    return job;
  }

  private async fetchEntry(entry: CatalogEntry, options: FetchOptions): Promise<BackboneSpec> {
    const id = entry.card.id;
    const finalPath = this.pathOf(entry);
    const spec = { card: entry.card, modelPath: finalPath };
    const db = await this.db();
    if ((await exists(finalPath)) && db.data.downloads[id]) return spec;
    await mkdir(join(this.modelsDir, id), { recursive: true });
    const partPath = this.partPathOf(entry);
    await downloadToPart({
      url: entry.url,
      partPath,
      label: entry.card.name,
      signal: options.signal,
      onProgress: (p) => options.onProgress?.({ backboneId: id, ...p }),
    });
    const sha256 = await sha256OfFile(partPath);
    const pinned = db.data.downloads[id]?.sha256 ?? null;
    const expected = entry.sha256 ?? pinned;
    if (expected && sha256 !== expected) {
      await unlink(partPath).catch(() => undefined);
      const whose = entry.sha256 ? "the publisher's sha256" : 'the sha256 pinned when it was first downloaded';
      throw new StudioError(
        'io',
        `The downloaded ${entry.card.name} does not match ${whose} (expected ${expected.slice(0, 16)}…, got ${sha256.slice(0, 16)}…); it was discarded.`,
        'Try again later. If it keeps happening, the file on the server has changed or the connection is being tampered with.',
      );
    }
    await rename(partPath, finalPath);
    await fsyncDirectory(join(this.modelsDir, id));
    db.data.downloads[id] = {
      sha256,
      integrity: entry.sha256 ? 'publisher-sha256' : 'pinned-on-first-download',
      bytes: (await stat(finalPath)).size,
      url: entry.url,
      at: new Date().toISOString(),
    };
    await db.write();
    return spec;
  }

  private async catalogListing(entry: CatalogEntry, state: ModelState): Promise<BackboneListing> {
    const id = entry.card.id;
    const downloaded = state.downloads[id];
    const ready = Boolean(downloaded) && (await exists(this.pathOf(entry)));
    const partial = ready ? 0 : await sizeOf(this.partPathOf(entry));
    const integrity = ready ? downloaded!.integrity : entry.sha256 ? 'publisher-sha256' : downloaded ? 'pinned-on-first-download' : null;
    return {
      card: entry.card,
      source: 'catalog',
      status: ready ? 'ready' : partial > 0 ? 'partial' : 'not-downloaded',
      integrity,
      integrityText: integrity ? integrityText[integrity] : 'hash pinned on first download',
      sha256: downloaded?.sha256 ?? entry.sha256,
      bytes: downloaded?.bytes ?? entry.bytes,
      downloadedBytes: ready ? downloaded!.bytes : partial,
      url: entry.url,
      licence: entry.licence,
      path: ready ? this.pathOf(entry) : null,
      description: entry.description,
    };
  }

  private pathOf(entry: CatalogEntry): string {
    return join(this.modelsDir, entry.card.id, entry.fileName);
  }

  /** The partial file is named after its URL, so a changed URL never resumes a stale part. */
  private partPathOf(entry: CatalogEntry): string {
    const tag = createHash('sha256').update(entry.url).digest('hex').slice(0, 10);
    return join(this.modelsDir, entry.card.id, `${entry.fileName}.${tag}.part`);
  }

  private db(): Promise<Low<ModelState>> {
    this.state ??= (async () => {
      await mkdir(this.modelsDir, { recursive: true });
      const adapter = new DurableJsonFile(join(this.modelsDir, 'models.json'), (json) => modelStateSchema.parse(json), { label: 'models.json' });
      const data = (await adapter.read()) ?? { schemaVersion: 1 as const, downloads: {}, local: {} };
      return new Low(adapter, data);
    })();
    return this.state;
  }
}

function pixelsListing(id: string): BackboneListing {
  return builtInListing(pixelsCard(id)!, 'Resized pixels as features: no download, right for small grayscale data and the offline demo. Any size works as pixels-<W>x<H>-<gray|rgb>.');
}

async function exists(path: string): Promise<boolean> {
  return (await sizeOf(path)) > 0;
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}
