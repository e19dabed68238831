import { copyFile, mkdir, readFile, rm, stat } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, join, relative, resolve } from 'node:path';
import { StudioError } from '../../../../shared/contract/channel';
import { backboneCardSchema, describeCardProblem, type BackboneCard, type BackboneCardInput } from '../../../../shared/ml/cards';
import { sha256OfFile } from './download';

/**
 * Copies a user's model into the cache (`local/<id>/`) so it keeps working when the
 * original moves: an `.onnx` file, or a TF.js `model.json` with the weight files its
 * manifest names (which must sit beside it). The card's engine follows from the file.
 */
export async function readLocalCard(file: string, cardInput: BackboneCardInput): Promise<{ card: BackboneCard; source: string }> {
  const source = resolve(file);
  const info = await stat(source).catch(() => null);
  if (!info?.isFile()) throw new StudioError('not-found', `No model file at ${source}.`);
  const ext = extname(source).toLowerCase();
  const engine = ext === '.onnx' ? 'onnx' : ext === '.json' ? 'tfjs' : null;
  if (!engine) throw new StudioError('invalid-request', `${basename(source)} is neither an .onnx file nor a TF.js model.json.`);
  const parsed = backboneCardSchema.safeParse({ engine, ...(cardInput as object) });
  if (!parsed.success) throw new StudioError('invalid-request', `The card is not valid: ${describeCardProblem(parsed.error)}.`, 'See `studio models add --help` for the card fields.');
  const card = parsed.data;
  if (card.engine !== engine) throw new StudioError('invalid-request', `The card says engine "${card.engine}" but ${basename(source)} is a${engine === 'onnx' ? 'n ONNX' : ' TF.js'} model.`);
  return { card, source };
}

export async function copyLocalModel(
  source: string,
  card: BackboneCard,
  localDir: string,
): Promise<{ dir: string; modelPath: string; sha256: string; bytes: number }> {
  const engine = card.engine;
  const info = await stat(source);
  const dir = join(localDir, card.id);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  try {
    const modelPath = join(dir, engine === 'onnx' ? 'model.onnx' : 'model.json');
    await copyFile(source, modelPath);
    let bytes = info.size;
    if (engine === 'tfjs') {
      for (const shard of await shardsOf(source)) {
        await copyFile(join(dirname(source), shard), join(dir, shard));
        bytes += (await stat(join(dir, shard))).size;
      }
    }
    return { dir, modelPath, sha256: await sha256OfFile(modelPath), bytes };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

async function shardsOf(modelJson: string): Promise<string[]> {
  let json: { weightsManifest?: { paths?: string[] }[] };
  try {
    json = JSON.parse(await readFile(modelJson, 'utf8'));
  } catch (error) {
    throw new StudioError('invalid-request', `${basename(modelJson)} is not valid JSON: ${(error as Error).message}`);
  }
  const paths = (json.weightsManifest ?? []).flatMap((group) => group.paths ?? []);
  for (const path of paths) {
    const rel = relative(dirname(modelJson), resolve(dirname(modelJson), path));
    if (rel.startsWith('..') || isAbsolute(rel) || rel.includes('/') || rel.includes('\\')) {
      throw new StudioError('invalid-request', `The weight file "${path}" must sit beside model.json.`);
    }
  }
  return paths;
}
