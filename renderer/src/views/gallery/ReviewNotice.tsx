import { useStudio } from '../../hooks/useStudio';
import { reviewLimit, showsPredictions } from '../../store/gallerySlice';
import { selectGallery } from '../../store/selectors';

/**
 * Shown when the gallery lists images because of what a model predicted. Among test images
 * that is where "fixing" labels flatters the model: the notice says so and offers to send
 * them to expert review (F on a tile, or all at once) instead.
 */
export function ReviewNotice() {
  const { filter, total, reviewing } = useStudio(selectGallery);
  const flagAll = useStudio((s) => s.flagAllForReview);
  const readOnly = useStudio((s) => s.project?.readOnly ?? false);
  if (!showsPredictions(filter)) return null;
  const test = filter.split === 'test' || filter.split === null;
  return (
    <div className="review-notice" role="note">
      <span>
        {test
          ? 'These images were picked by the model’s predictions. Relabeling test images here makes the model look better than it is: press F on a tile to send it to review instead. A class key still relabels it, marked as chosen by the model.'
          : 'These images were picked by the model’s predictions: F sends one to review, a class key relabels it (marked as chosen by the model).'}
      </span>
      {!readOnly && total !== null && total > 0 && (
        <button type="button" className="small" disabled={reviewing !== null} onClick={() => void flagAll()}>
          {reviewing ? `Sending to review ${reviewing.done}/${reviewing.total}…` : `Send ${Math.min(total, reviewLimit).toLocaleString('en-US')} to review`}
        </button>
      )}
    </div>
  );
}
