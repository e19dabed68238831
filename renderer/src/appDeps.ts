import { isElectron, studioApi } from './api/studioApi';
import { localAnnotatorMemory } from './api/annotatorMemory';
import { uploadDroppedFiles } from './api/upload';
import type { StoreDeps } from './store/deps';
import { afterNextPaint } from './timing/afterNextPaint';

/** The real edges the app's store runs over. */
export function appDeps(): StoreDeps {
  // crypto.randomUUID exists only in secure contexts; a studio served over plain HTTP to a LAN
  // address is not one, but getRandomValues works everywhere.
  const newId = (): string => Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');
  return {
    api: studioApi(),
    now: () => performance.now(),
    wallClock: () => new Date(),
    annotatorMemory: isElectron() ? null : localAnnotatorMemory(),
    upload: (files, onProgress, signal) => uploadDroppedFiles(files, `up_${newId()}`, onProgress, signal),
    newId,
    afterPaint: afterNextPaint,
  };
}
