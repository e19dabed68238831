import { useRef } from 'react';
import { useLabelingKeyboard } from '../../hooks/useLabelingKeyboard';
import { useLeaseHeartbeat } from '../../hooks/useLeaseHeartbeat';
import { usePrefetchImages } from '../../hooks/usePrefetchImages';
import { useStudio } from '../../hooks/useStudio';
import { useStudioShallow } from '../../hooks/useStudioShallow';
import { selectGuidelinesOpen, selectHasItem, selectOverlay, selectQueueStatus, selectUpcomingIds } from '../../store/selectors';
import { ClassBar } from './ClassBar';
import { CurrentImage } from './CurrentImage';
import { FlagPrompt } from './FlagPrompt';
import { GuidelinesPanel } from './GuidelinesPanel';
import { HelpOverlay } from './HelpOverlay';
import { ImageCaption } from './ImageCaption';
import { type ViewerControls } from './ImageViewer';
import { ItemPanel } from './ItemPanel';
import { QueueEmpty } from './QueueEmpty';
import { RecentDecisions } from './RecentDecisions';
import { ReviewMode } from '../data/review/ReviewMode';
import { ReviewModeSwitch } from '../data/review/ReviewModeSwitch';
import './labeling.css';

/**
 * The heart of the studio: one big image, the class keys, and the last decisions. The view
 * itself reads only what changes its layout; each part subscribes to what it shows, so a
 * keypress re-renders the parts it changed and the next image is painted without waiting.
 * Its second mode reviews suspected label errors (the Data tab's list) instead of the queue.
 */
export function LabelingView() {
  const reviewing = useStudio((s) => s.quality.reviewing);
  return reviewing ? <ReviewMode /> : <LabelingQueueView />;
}

function LabelingQueueView() {
  const viewer = useRef<ViewerControls>(null);
  const commands = useLabelingKeyboard(viewer);
  useLeaseHeartbeat();
  const hasItem = useStudio(selectHasItem);
  const overlay = useStudio(selectOverlay);
  const guidelinesOpen = useStudio(selectGuidelinesOpen);
  const queueStatus = useStudio(selectQueueStatus);

  return (
    <div className="labeling">
      <UpcomingImages />
      <section className="stage" aria-label="Image to label">
        {hasItem ? (
          <>
            <CurrentImage controls={viewer} />
            <ImageCaption />
            {overlay === 'flag' && <FlagPrompt />}
          </>
        ) : (
          <QueueEmpty status={queueStatus} />
        )}
        <ClassBar />
      </section>
      <aside className="side scroll" aria-label="Labeling details">
        <ReviewModeSwitch />
        <ItemPanel />
        <RecentDecisions />
      </aside>
      {guidelinesOpen && <GuidelinesPanel />}
      {overlay === 'help' && <HelpOverlay commands={commands} />}
    </div>
  );
}

/** Loads the next images ahead of time; its own component, so the queue moving re-renders nothing else. */
function UpcomingImages() {
  usePrefetchImages(useStudioShallow(selectUpcomingIds));
  return null;
}
