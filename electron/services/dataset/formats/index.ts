import { csvFormat } from './csvFormat';
import { imageFolderFormat } from './imageFolderFormat';
import { jsonlFormat } from './jsonlFormat';
import { labelStudioFormat } from './labelStudioFormat';
import type { LabelFormat, LabelFormatName } from './types';

/** Every label file format, by name. Add one: a file beside this one and a line here. */
export const labelFormats: Record<LabelFormatName, LabelFormat> = {
  csv: csvFormat,
  jsonl: jsonlFormat,
  imagefolder: imageFolderFormat,
  'label-studio': labelStudioFormat,
};

/** The format of a labels file, from its contents (header row, JSON object or array). */
export function sniffLabelFormat(text: string, file: string): LabelFormat | null {
  return [csvFormat, labelStudioFormat, jsonlFormat].find((f) => f.sniff?.(text, file)) ?? null;
}

export { labelFormatNames, type LabelFormat, type LabelFormatName } from './types';
