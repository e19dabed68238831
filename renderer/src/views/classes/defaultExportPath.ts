import type { LabelFormatName } from '../../../../shared/contract/dataset';

const extension: Record<LabelFormatName, string> = { csv: '.csv', jsonl: '.jsonl', imagefolder: '', 'label-studio': '.json' };

/** `<folder of the project>/<project name>-labels.csv` (or `-imagefolder` for the folder layout). */
export function defaultExportPath(projectDir: string, projectName: string, format: LabelFormatName): string {
  const sep = projectDir.includes('\\') && !projectDir.includes('/') ? '\\' : '/';
  const parent = projectDir.slice(0, Math.max(projectDir.lastIndexOf(sep), 1));
  const safe = projectName.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^-+|-+$/g, '') || 'project';
  return `${parent === sep ? '' : parent}${sep}${safe}-${format === 'imagefolder' ? 'imagefolder' : 'labels'}${extension[format]}`;
}

/** Swaps the file name's ending when the format changes, so a path the user edited keeps its folder. */
export function withFormatEnding(path: string, from: LabelFormatName, to: LabelFormatName): string {
  const old = from === 'imagefolder' ? '-imagefolder' : `-labels${extension[from]}`;
  if (!path.endsWith(old)) return path;
  return path.slice(0, path.length - old.length) + (to === 'imagefolder' ? '-imagefolder' : `-labels${extension[to]}`);
}
