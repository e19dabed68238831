import { imageUrl } from '../../../api/studioApi';
import { keyLabel } from '../../../keyboard/commands';
import { useStudio } from '../../../hooks/useStudio';
import { selectClasses } from '../../../store/selectors';
import { useReviewKeyboard } from './useReviewKeyboard';
import './review.css';

const percent = (p: number) => `${(p * 100).toFixed(p < 0.01 ? 1 : 0)}%`;

/**
 * "Review suspected labels", the labeling view's second mode: the suspects worst first,
 * each with its label, the model's suggestion and why; keep it or change it from the keys.
 */
export function ReviewMode() {
  const commands = useReviewKeyboard();
  const review = useStudio((s) => s.quality.review);
  const classes = useStudio(selectClasses);
  const reviewCurrent = useStudio((s) => s.reviewCurrent);
  const stopReview = useStudio((s) => s.stopReview);
  const item = review.items[0];
  const name = (id: string) => classes.find((c) => c.id === id)?.name ?? 'a removed class';
  const keyOf = (command: string) => commands.find((c) => c.name === command)?.keys.map((k) => keyLabel(k)).join(' / ') ?? '';
  return (
    <div className="review" aria-label="Review suspected labels">
      <header className="review-head">
        <h2>Review suspected labels</h2>
        <span className="faint" role="status">
          {item ? `${review.remaining.toLocaleString('en-US')} left, worst first` : ''}
        </span>
        <button type="button" className="ghost small" onClick={stopReview}>
          Back to labeling <kbd>Esc</kbd>
        </button>
      </header>
      {!item ? (
        <p className="muted review-empty">{review.loading ? 'Loading the suspected labels…' : 'Nothing left to review. New suspects appear after the next training run.'}</p>
      ) : (
        <div className="review-body">
          <img key={item.sampleId} className="review-image" src={imageUrl(item.sampleId, 'preview')} alt={`Suspected label ${item.rank}`} />
          <aside className="review-facts" aria-label="Why this label is suspected">
            <p>
              Labeled <strong className="review-given">{name(item.given)}</strong>
            </p>
            <p>
              The model suggests <strong className="review-suggested">{name(item.suggested)}</strong> ({percent(item.suggestedProbability)})
            </p>
            <p className="faint">
              A model trained without this image gives its label {percent(item.selfConfidence)}, below {name(item.given)}&apos;s threshold of {percent(item.threshold)} (the average for images
              labeled {name(item.given)}). Rank {item.rank}; {item.split} split.
            </p>
            {item.split === 'test' && <p className="badge warn">Test image: a change here counts as a label fixed because the model disagreed.</p>}
            <div className="review-actions">
              <button type="button" onClick={() => reviewCurrent({ action: 'keep' })}>
                Keep {name(item.given)} <kbd>{keyOf('keep')}</kbd>
              </button>
              <button type="button" onClick={() => reviewCurrent({ action: 'relabel', classId: item.suggested })}>
                Change to {name(item.suggested)} <kbd>{keyOf('accept-suggestion')}</kbd>
              </button>
            </div>
            <div className="review-classes" role="group" aria-label="Change to">
              {classes.map((c) => (
                <button key={c.id} type="button" className="small" onClick={() => reviewCurrent(c.id === item.given ? { action: 'keep' } : { action: 'relabel', classId: c.id })}>
                  <span className="class-color" style={{ background: c.color }} /> {c.name} {c.key && <kbd>{c.key.toUpperCase()}</kbd>}
                </button>
              ))}
            </div>
          </aside>
        </div>
      )}
    </div>
  );
}
