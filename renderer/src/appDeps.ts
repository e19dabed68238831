import { isElectron, studioApi } from './api/studioApi';
import { localAnnotatorMemory } from './api/annotatorMemory';
import { uploadDroppedFiles } from './api/upload';
import type { StoreDeps } from './store/deps';
import { afterNextPaint } from './timing/afterNextPaint';

/** The real edges the app's store runs over. */
export function appDeps(): StoreDeps {
  const newId = (): string => crypto.randomUUID().replace(/-/g, '').slice(0, 24);
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
