import { readFile } from 'node:fs/promises';
import { defineCommand, UsageError } from '../command';
import { StudioError } from '../../../shared/contract/channel';
import type { BackboneListing, DownloadProgress } from '../../../shared/ml/catalog';
import { createMlServices } from '../../services/ml/index';
import { stringOption } from '../projectArgs';

const cardHelp = `The card is JSON (inline or a file): {"id":"my-net","name":"My net","input":{"width":224,"height":224,"channels":3,"layout":"NCHW"},"preprocess":{"resize":"center-crop","cropFraction":0.875,"mean":[0.485,0.456,0.406],"std":[0.229,0.224,0.225]},"output":{"name":"features"},"embeddingSize":1280}`;

export const modelsCommand = defineCommand<BackboneListing>({
  name: 'models',
  usage: 'models add FILE --card JSON|CARD.json  |  models download ID',
  summary: 'Add a local .onnx or TF.js model.json with its card (checked by running one image), or download a catalog model now.',
  positionals: 2,
  options: { card: { type: 'string' } },
  run: async ({ positionals, values, progress, signal }) => {
    const [action, target] = positionals;
    const ml = createMlServices();
    try {
      if (action === 'add') {
        const card = await readCard(stringOption(values, 'card'));
        progress(`checking ${target} with one image…`);
        return await ml.catalog.addLocal(target, card);
      }
      if (action === 'download') return await ml.catalog.download(target, { signal, onProgress: downloadProgressPrinter(progress) });
      throw new UsageError(`Unknown action "${action}": use "add" or "download".`);
    } finally {
      await ml.dispose();
    }
  },
  format: (b) => `${b.card.id}: ${b.status}, ${b.card.embeddingSize}-d features, ${b.integrityText}${b.path ? `\n  ${b.path}` : ''}`,
});

async function readCard(value: string | undefined): Promise<unknown> {
  if (!value) throw new UsageError(`--card is required. ${cardHelp}`);
  const text = value.trimStart().startsWith('{') ? value : await readFile(value, 'utf8').catch(() => {
    throw new StudioError('not-found', `Cannot read the card file ${value}.`, cardHelp);
  });
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new StudioError('invalid-request', `The card is not valid JSON: ${(error as Error).message}`, cardHelp);
  }
}

/** Prints a model download's progress in steps of 10% (shared by the ML commands). */
export function downloadProgressPrinter(progress: (message: string) => void): (p: DownloadProgress) => void {
  let last = -1;
  return (p) => {
    const step = p.totalBytes ? Math.floor((10 * p.receivedBytes) / p.totalBytes) : -1;
    if (step === last) return;
    last = step;
    const mb = (n: number) => (n / 1e6).toFixed(1);
    progress(`downloading ${p.backboneId}: ${mb(p.receivedBytes)}${p.totalBytes ? ` of ${mb(p.totalBytes)}` : ''} MB${p.resumedFrom ? ` (resumed at ${mb(p.resumedFrom)} MB)` : ''}`);
  };
}
