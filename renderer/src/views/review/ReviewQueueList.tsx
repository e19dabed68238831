import type { ReviewItem } from '../../../../shared/contract/review';
import { imageUrl } from '../../api/studioApi';
import { hideBroken } from '../common/hideBroken';

export const reasonText: Record<ReviewItem['reasons'][number], string> = {
  conflict: 'conflict',
  disagreement: 'overlap disagreement',
  flagged: 'flagged',
};

/** What waits for a reviewer, oldest first; click one to decide it. */
export function ReviewQueueList({ items, total, selected, onSelect }: { items: ReviewItem[]; total: number | null; selected: string | null; onSelect(id: string): void }) {
  return (
    <section className="panel review-queue" aria-labelledby="review-queue-heading">
      <header className="panel-head">
        <h2 id="review-queue-heading">Waiting for review</h2>
        <span className="faint">{total === null ? '…' : `${total.toLocaleString('en-US')} image${total === 1 ? '' : 's'}`}</span>
      </header>
      {total === 0 && <p className="muted">Nothing waits: no conflicts, no disagreements, no flags.</p>}
      <ul aria-label="Review queue">
        {items.map((item) => (
          <li key={item.sampleId}>
            <button type="button" className={item.sampleId === selected ? 'review-row active' : 'review-row'} aria-pressed={item.sampleId === selected} onClick={() => onSelect(item.sampleId)}>
              <img src={imageUrl(item.sampleId, 'thumb')} alt="" loading="lazy" onError={hideBroken} />
              <span className="review-row-text">
                <span>{item.fileName}</span>
                <span className="faint">{item.reasons.map((r) => reasonText[r]).join(' · ')}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
