import { useEffect, useState } from 'react';
import { useStudio } from '../../hooks/useStudio';
import { ReviewItemPanel } from './ReviewItemPanel';
import { ReviewQueueList } from './ReviewQueueList';
import { TeamPanel } from './TeamPanel';
import '../common/panel.css';
import './review.css';

/**
 * The reviewer's desk: images where answers conflict or two people disagreed (overlap),
 * and flagged images with their comments. A reviewer's verdict is final; the team's roles
 * and the overlap rate are set beside it.
 */
export function ReviewView() {
  const review = useStudio((s) => s.team.review);
  const loadReview = useStudio((s) => s.loadReview);
  const loadTeam = useStudio((s) => s.loadTeam);
  const [selected, setSelected] = useState<string | null>(null);
  useEffect(() => {
    void loadReview();
    void loadTeam();
  }, [loadReview, loadTeam]);
  const items = review?.items ?? [];
  const current = items.find((i) => i.sampleId === selected) ?? items[0] ?? null;
  return (
    <div className="review-view scroll">
      <div className="review-grid">
        <ReviewQueueList items={items} total={review?.total ?? null} selected={current?.sampleId ?? null} onSelect={setSelected} />
        <ReviewItemPanel item={current} />
        <TeamPanel />
      </div>
    </div>
  );
}
