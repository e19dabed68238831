import { useEffect, useRef } from 'react';
import { imageUrl } from '../api/studioApi';
import type { ImageVariant } from '../../../shared/contract/bridge';
import { afterNextPaint } from '../timing/afterNextPaint';
import { prefetchPlan } from './prefetchPlan';

/**
 * Loads and decodes the images of the next items before they are needed, so the next item
 * is painted the moment the annotator decides. Images that left the window are released.
 * The loads start after the next paint: the image just brought on screen goes first.
 */
export function usePrefetchImages(sampleIds: readonly string[], variant: ImageVariant = 'preview'): void {
  const loaded = useRef(new Map<string, HTMLImageElement>());
  // The ids arrive as a new array on every render; the joined string changes only with them.
  const key = sampleIds.join(',');
  useEffect(() => {
    let cancelled = false;
    afterNextPaint(() => {
      if (cancelled) return;
      const held = loaded.current;
      const { start, drop } = prefetchPlan([...held.keys()], key ? key.split(',') : []);
      for (const id of drop) {
        held.get(id)?.removeAttribute('src');
        held.delete(id);
      }
      for (const id of start) {
        const image = new Image();
        image.decoding = 'async';
        image.src = imageUrl(id, variant);
        // decode() keeps the decoded bitmap ready; a failure shows later on screen, not here.
        image.decode().catch(() => undefined);
        held.set(id, image);
      }
    });
    return () => {
      cancelled = true;
    };
  }, [key, variant]);
}
