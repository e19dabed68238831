import { useRef } from 'react';
import { useLabelingKeyboard } from '../../hooks/useLabelingKeyboard';
import { usePrefetchImages } from '../../hooks/usePrefetchImages';
import { useStudio } from '../../hooks/useStudio';
import { useStudioShallow } from '../../hooks/useStudioShallow';
import { prefetchDepth } from '../../store/labelingSlice';
import { selectCurrentItem, selectCurrentRow, selectLabeling } from '../../store/selectors';
import { ClassBar } from './ClassBar';
import { FlagPrompt } from './FlagPrompt';
import { GuidelinesPanel } from './GuidelinesPanel';
import { HelpOverlay } from './HelpOverlay';
import { ImageCaption } from './ImageCaption';
import { ImageViewer, type ViewerControls } from './ImageViewer';
import { ItemPanel } from './ItemPanel';
import { QueueEmpty } from './QueueEmpty';
import { RecentDecisions } from './RecentDecisions';
import './labeling.css';

const upcoming = (s: Parameters<typeof selectLabeling>[0]) => s.labeling.ahead.slice(0, prefetchDepth).map((i) => i.sampleId);

/** The heart of the studio: one big image, the class keys, and the last decisions. */
export function LabelingView() {
  const viewer = useRef<ViewerControls>(null);
  const commands = useLabelingKeyboard(viewer);
  const item = useStudio(selectCurrentItem);
  const row = useStudio(selectCurrentRow);
  const { overlay, guidelinesOpen, queueStatus } = useStudio(selectLabeling);
  const markShown = useStudio((s) => s.markShown);
  usePrefetchImages(useStudioShallow(upcoming));

  return (
    <div className="labeling">
      <section className="stage" aria-label="Image to label">
        {item ? (
          <>
            <ImageViewer
              key="viewer"
              sampleId={item.sampleId}
              size={row ? { width: row.width, height: row.height } : null}
              onPainted={markShown}
              controls={viewer}
            />
            <ImageCaption row={row} />
            {overlay === 'flag' && <FlagPrompt />}
          </>
        ) : (
          <QueueEmpty status={queueStatus} />
        )}
        <ClassBar />
      </section>
      <aside className="side scroll" aria-label="Labeling details">
        <ItemPanel />
        <RecentDecisions />
      </aside>
      {guidelinesOpen && <GuidelinesPanel />}
      {overlay === 'help' && <HelpOverlay commands={commands} />}
    </div>
  );
}
