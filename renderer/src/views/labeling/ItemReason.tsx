import type { QueueItem } from '../../../../shared/contract/queue';
import type { SampleRow } from '../../../../shared/contract/samples';
import { heldOutNote, scoreText } from './itemReason';

/** Why the queue put this image here: the strategy's note, its name and score; or the held-out note. */
export function ItemReason({ item, row }: { item: QueueItem; row: SampleRow | undefined }) {
  if (item.secondOpinion) {
    return (
      <div className="item-reason held-out" role="note">
        <p>Second opinion: someone else labeled this image. Their answer and the model’s are hidden, so yours is independent.</p>
        <p className="faint">Overlap images measure how far the team agrees.</p>
      </div>
    );
  }
  if (item.heldOut) {
    return (
      <div className="item-reason held-out" role="note">
        <p>{heldOutNote(row?.split)}</p>
        {item.reason.note && <p className="faint">{item.reason.note}</p>}
      </div>
    );
  }
  const score = scoreText(item.reason.score);
  return (
    <div className="item-reason">
      <p>
        <span className="faint">Why this image: </span>
        {item.reason.note}
      </p>
      <p className="item-reason-meta faint">
        <span className="mono">{item.reason.strategy}</span>
        {score && <span> · score {score}</span>}
      </p>
    </div>
  );
}
