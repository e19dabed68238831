import { StudioError } from '../../../shared/contract/channel';
import type { Notice } from '../../../shared/contract/schemas';
import { JournalShortError } from '../storage/AppendJournal';
import type { StorageFs } from '../storage/fileSystem';
import { LabelStore } from '../labels/LabelStore';
import { SampleIndex, type JournalLoss } from './SampleIndex';
import { projectFiles, type ProjectDoc } from './documents';

/**
 * Opens samples.jsonl and labels.jsonl, each checked against the record count studio.json
 * keeps for it. A journal holding fewer records (deleted, emptied, cut short) is not an
 * emptier project: opening stops with the three ways on, unless the user accepted the loss
 * (then the notices say exactly what was lost) or opens read-only (nothing changes).
 */
export async function openJournals(
  dir: string,
  doc: ProjectDoc,
  options: { readOnly: boolean; fs: StorageFs; acceptLoss: boolean },
): Promise<{ samples: SampleIndex; labels: LabelStore; notices: Notice[] }> {
  const common = { readOnly: options.readOnly, fs: options.fs, acceptLoss: options.acceptLoss };
  let samples: SampleIndex | null = null;
  try {
    samples = await SampleIndex.open(dir, { ...common, expected: doc.journals?.samples });
    const labels = await LabelStore.open(dir, { ...common, expected: doc.journals?.labels });
    const notices = [...samples.notices, ...labels.notices];
    const lossNotice = (loss: JournalLoss, file: string, what: string) => {
      if (loss) notices.push({ level: 'warning', message: lossMessage(loss, file, what, options.readOnly) });
    };
    lossNotice(samples.loss, projectFiles.samples, 'samples');
    lossNotice(labels.loss, projectFiles.labels, 'label records');
    return { samples, labels, notices };
  } catch (error) {
    await samples?.close().catch(() => undefined);
    if (!(error instanceof JournalShortError)) throw error;
    const what = error.label === projectFiles.samples ? 'samples' : 'label records';
    const lost = error.expected - error.found;
    throw new StudioError(
      'damaged',
      `${error.label} holds ${error.found} of the ${error.expected} ${what} studio.json lists: it was deleted, emptied or cut short. Nothing was changed.`,
      `Put ${error.label} back from a backup and open the project again. Or open it read-only to look (\`studio status DIR\`). Or accept the loss and go on with the ${error.found} that are there (\`studio repair DIR --accept-loss\`, or "Open anyway" in the app): the other ${lost} ${what} are lost.`,
    );
  }
}

function lossMessage(loss: NonNullable<JournalLoss>, file: string, what: string, readOnly: boolean): string {
  const lost = loss.expected - loss.found;
  if (readOnly) return `${file} holds only ${loss.found} of the ${loss.expected} ${what} studio.json lists (deleted, emptied or cut short); showing what is there. Nothing was changed.`;
  return `${file} held ${loss.found} of the ${loss.expected} ${what} studio.json lists; as you chose, the project goes on with those: ${lost} ${what} are lost.`;
}
