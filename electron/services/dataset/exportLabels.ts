import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { StudioError } from '../../../shared/contract/channel';
import type { Project } from '../project/Project';
import { isCode } from '../storage/durableWrite';
import type { LabelExportResult, LabelFormatName } from '../../../shared/contract/dataset';
import { labelFormats } from './formats';
import { labelRecordsOf } from './labelRecords';
import type { ExportContext } from './formats/types';

/**
 * Writes the project's labels in one of the formats (`formats/`): every sample with its path,
 * label, annotator, time, seconds, split, flag and comment. Files are written durably (temp,
 * fsync, rename); the ImageFolder folder appears only once complete.
 */
export type { LabelExportResult };

export async function exportLabels(project: Project, format: LabelFormatName, out: string, context: ExportContext = {}): Promise<LabelExportResult> {
  const chosen = labelFormats[format];
  const parent = dirname(out);
  const info = await stat(parent).catch((error: unknown) => {
    if (isCode(error, 'ENOENT')) throw new StudioError('not-found', `The folder ${parent} does not exist.`, 'Create it, or choose another place for the export.');
    throw error;
  });
  if (!info.isDirectory()) throw new StudioError('invalid-request', `${parent} is not a folder.`, 'Choose a path inside a folder.');
  if (chosen.writes === 'file') {
    const target = await stat(out).catch(() => null);
    if (target?.isDirectory()) throw new StudioError('invalid-request', `${out} is a folder; ${format} labels are one file.`, `Give a file name, e.g. ${out}/labels.${format === 'label-studio' ? 'json' : format}.`);
  }
  const records = labelRecordsOf(project);
  context.onProgress?.(0, records.length);
  const { written, skipped, notes } = await chosen.write(records, out, context);
  context.onProgress?.(records.length, records.length);
  return { format, out, written, skipped, notes };
}
