import type { AnnotatorMemory } from '../store/deps';

const key = 'studio.annotator';

/** Browser mode remembers the annotator per browser, since several people may label at once. */
export function localAnnotatorMemory(storage: Storage | undefined = globalThis.localStorage): AnnotatorMemory {
  return {
    load: () => {
      try {
        return storage?.getItem(key)?.trim() || null;
      } catch {
        return null; // storage disabled: fall back to the studio's setting
      }
    },
    save: (name) => {
      try {
        storage?.setItem(key, name);
      } catch {
        // storage disabled: the name still applies for this session
      }
    },
  };
}
