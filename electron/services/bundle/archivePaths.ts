import { StudioError } from '../../../shared/contract/channel';

/**
 * Why an archive entry cannot be unpacked safely, or null. Only plain files and folders with
 * relative paths that stay inside the target are allowed: no absolute paths, drive letters,
 * `..` segments, backslashes, NUL bytes, links or devices.
 */
export function hostileEntry(path: string, type: string): string | null {
  if (type !== 'File' && type !== 'OldFile' && type !== 'Directory') return `is a ${type} entry (only files and folders are unpacked)`;
  if (path.includes('\0')) return 'holds a NUL byte';
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path) || path.startsWith('\\')) return 'is an absolute path';
  if (path.includes('\\')) return 'holds a backslash';
  if (path.split('/').some((part) => part === '..')) return 'climbs out with ".."';
  return null;
}

export function refuseEntry(bundle: string, path: string, problem: string): StudioError {
  return new StudioError(
    'invalid-request',
    `The bundle ${bundle} holds an entry that could write outside the project ("${path.slice(0, 200)}" ${problem}). Nothing was unpacked.`,
    'Only unbundle files made by "studio bundle"; ask for the bundle again if it came from someone else.',
  );
}
