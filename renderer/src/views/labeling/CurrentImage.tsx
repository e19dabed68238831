import { useMemo, type Ref } from 'react';
import { useStudio } from '../../hooks/useStudio';
import { selectCurrentHeight, selectCurrentSampleId, selectCurrentWidth, selectMarkShown } from '../../store/selectors';
import { ImageViewer, type ViewerControls } from './ImageViewer';

/**
 * The viewer showing the item on screen. It reads the sample id and the size from the
 * prefetched row as plain values, so the commit that advances the queue already places the
 * next image at its size, and a row refreshed with the same size re-renders nothing.
 */
export function CurrentImage({ controls }: { controls: Ref<ViewerControls> }) {
  const sampleId = useStudio(selectCurrentSampleId);
  const width = useStudio(selectCurrentWidth);
  const height = useStudio(selectCurrentHeight);
  const markShown = useStudio(selectMarkShown);
  const size = useMemo(() => (width !== null && height !== null ? { width, height } : null), [width, height]);
  if (sampleId === null) return null;
  return <ImageViewer key="viewer" sampleId={sampleId} size={size} onPainted={markShown} controls={controls} />;
}
