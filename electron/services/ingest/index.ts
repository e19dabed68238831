export { runImport } from './runImport';
export type { ImportOptions, ImportRequestValid } from './types';
export { defaultImportLimits, type ImportLimits } from './limits';
export { renderThumbnail, thumbnailPath, writeFileAtomically } from './thumbnail';
