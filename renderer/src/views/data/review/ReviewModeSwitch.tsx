import { useStudio } from '../../../hooks/useStudio';

/** The labeling view's way into the review: shown once the data checks found suspects. */
export function ReviewModeSwitch() {
  const count = useStudio((s) => s.quality.overview?.suspects.length ?? 0);
  const startReview = useStudio((s) => s.startReview);
  if (count === 0) return null;
  return (
    <button type="button" className="small review-switch" onClick={startReview}>
      Review {count} suspected label{count === 1 ? '' : 's'}
    </button>
  );
}
