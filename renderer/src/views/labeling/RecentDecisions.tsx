import { memo } from 'react';
import { imageUrl } from '../../api/studioApi';
import { useStudio } from '../../hooks/useStudio';
import type { RecentDecision } from '../../store/decisions';
import { selectClasses, selectDecisions, selectOpenSample, selectRetryDecision } from '../../store/selectors';
import type { ClassDef } from '../../../../shared/domain/records';
import { keepFocus } from './keepFocus';
import { hideBroken } from '../common/hideBroken';

const saveText: Record<RecentDecision['save'], string> = { pending: 'saving…', saved: '✓ saved', failed: '✗ not saved', undone: 'undone' };
// One formatter for every row: building one per call (toLocaleTimeString with options) costs
// a fraction of a millisecond each time, paid by every row on every change of the list.
const timeFormat = new Intl.DateTimeFormat([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** The last 20 decisions: click one to bring its image back and relabel it. */
export function RecentDecisions() {
  const decisions = useStudio(selectDecisions);
  const classes = useStudio(selectClasses);
  return (
    <section className="recent-decisions" aria-labelledby="recent-decisions-heading">
      <h3 id="recent-decisions-heading">Last decisions</h3>
      {decisions.length === 0 ? (
        <p className="faint">Your decisions appear here. Click one to change it.</p>
      ) : (
        <ul aria-label="Last decisions">
          {decisions.map((d) => (
            <DecisionRow key={d.key} decision={d} cls={classes.find((c) => c.id === d.classId)} />
          ))}
        </ul>
      )}
    </section>
  );
}

function what(d: RecentDecision, cls: ClassDef | undefined): string {
  switch (d.kind) {
    case 'label':
      return cls?.name ?? 'a removed class';
    case 'skip':
      return 'Skipped';
    case 'flag':
      return d.comment ? `Flagged: ${d.comment}` : 'Flagged';
    case 'unflag':
      return 'Unflagged';
    case 'clear':
      return 'Label cleared';
    default:
      return d.kind;
  }
}

/** How a saved decision landed beside other people's: a conflict, a second opinion, a verdict, or changed since. */
function DecisionMark({ decision: d }: { decision: RecentDecision }) {
  const classes = useStudio(selectClasses);
  if (d.conflict) {
    const theirs = classes.find((c) => c.id === d.conflict!.classId)?.name ?? 'another class';
    return (
      <p className="decision-mark conflict" role="note">
        ⚠ Conflict with {d.conflict.annotator} ({theirs}): both answers kept, a reviewer decides.
      </p>
    );
  }
  if (d.changedBy) return <p className="decision-mark faint">Changed by {d.changedBy} since: cannot be undone.</p>;
  if (d.secondOpinion) return <p className="decision-mark faint">Second opinion, for agreement.</p>;
  if (d.final) return <p className="decision-mark faint">Final (reviewer).</p>;
  return null;
}

/** A decision keeps its object until its save state changes, so only new or changed rows re-render. */
const DecisionRow = memo(function DecisionRow({ decision: d, cls }: { decision: RecentDecision; cls: ClassDef | undefined }) {
  const openSample = useStudio(selectOpenSample);
  const retry = useStudio(selectRetryDecision);
  const time = timeFormat.format(new Date(d.at));
  const text = what(d, cls);
  return (
    <li className={`decision ${d.save}`}>
      <button
        type="button"
        className="decision-open"
        onClick={() => openSample(d.sampleId)}
        onMouseDown={keepFocus}
        aria-label={`${text}, ${saveText[d.save]}: show this image again`}
      >
        <img onError={hideBroken} src={imageUrl(d.sampleId, 'thumb')} alt="" loading="lazy" decoding="async" />
        <span className="decision-color" style={{ background: d.kind === 'label' ? (cls?.color ?? 'var(--faint)') : 'transparent' }} />
        <span className="decision-text">
          <span className="decision-what">{text}</span>
          <span className="decision-meta faint">
            {d.annotator} · {time} · {d.seconds.toFixed(1)} s
          </span>
        </span>
        <span className={`decision-save ${d.save}`} title={d.error?.message}>
          {saveText[d.save]}
        </span>
      </button>
      <DecisionMark decision={d} />
      {d.save === 'failed' && (
        <div className="decision-error" role="alert">
          <span>{d.error?.message}</span>
          <button type="button" className="small" onClick={() => retry(d.key)}>
            Retry
          </button>
        </div>
      )}
    </li>
  );
});
