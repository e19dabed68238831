import { useEffect } from 'react';
import type { ReviewItem } from '../../../../shared/contract/review';
import { imageUrl } from '../../api/studioApi';
import { useStudio } from '../../hooks/useStudio';
import { selectAnnotator, selectClasses } from '../../store/selectors';
import { hideBroken } from '../common/hideBroken';
import { reasonText } from './ReviewQueueList';

/** One image under review: everyone's answers, the flag's comment, and the reviewer's verdict (class keys work). */
export function ReviewItemPanel({ item }: { item: ReviewItem | null }) {
  const classes = useStudio(selectClasses);
  const annotator = useStudio(selectAnnotator);
  const team = useStudio((s) => s.team.team);
  const verdicts = useStudio((s) => s.team.verdicts);
  const decide = useStudio((s) => s.decideReview);
  const undoVerdict = useStudio((s) => s.undoVerdict);
  const isReviewer = team?.people.some((p) => p.name.toLowerCase() === annotator.toLowerCase() && p.role === 'reviewer') ?? false;
  const nameOf = (classId: string | null) => classes.find((c) => c.id === classId)?.name ?? '—';

  useEffect(() => {
    if (!item || !isReviewer) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement || event.ctrlKey || event.metaKey || event.altKey) return;
      const cls = classes.find((c) => c.key && c.key.toLowerCase() === event.key.toLowerCase());
      if (cls) void decide(item, cls.id);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [item, isReviewer, classes, decide]);

  return (
    <section className="panel review-item" aria-labelledby="review-item-heading">
      <header className="panel-head">
        <h2 id="review-item-heading">{item ? item.fileName : 'Verdict'}</h2>
        {item && <span className="faint">{item.reasons.map((r) => reasonText[r]).join(' · ')}</span>}
      </header>
      {item ? (
        <>
          <img className="review-image" src={imageUrl(item.sampleId, 'preview')} alt={item.fileName} onError={hideBroken} />
          <table className="quality-table" aria-label="Answers">
            <thead>
              <tr>
                <th scope="col">Who</th>
                <th scope="col">Answer</th>
                <th scope="col">How</th>
              </tr>
            </thead>
            <tbody>
              {item.answers.map((a) => (
                <tr key={a.annotator}>
                  <td>{a.annotator}</td>
                  <td>{nameOf(a.classId)}</td>
                  <td className="faint">{a.independent ? 'without seeing the others' : 'after seeing another label'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="faint">Label meanwhile: {nameOf(item.label.classId)}{item.label.annotator ? ` (${item.label.annotator})` : ''}</p>
          {item.label.flag && <p className="flag-note">⚑ Flagged by {item.label.flag.by}{item.label.flag.comment ? `: “${item.label.flag.comment}”` : ''}</p>}
          {!isReviewer && <p className="muted">Only reviewers decide. The lead makes you one under Team.</p>}
          <div className="review-classes" role="group" aria-label="Final class">
            {classes.map((c) => (
              <button key={c.id} type="button" disabled={!isReviewer} onClick={() => void decide(item, c.id)} aria-keyshortcuts={c.key || undefined}>
                <span className="swatch" style={{ background: c.color }} /> {c.name} {c.key && <kbd>{c.key}</kbd>}
              </button>
            ))}
          </div>
        </>
      ) : (
        <p className="muted">Choose an image on the left.</p>
      )}
      {verdicts.length > 0 && (
        <div className="review-verdicts">
          <h3>Your verdicts</h3>
          <ul aria-label="Your verdicts">
            {verdicts.map((v) => (
              <li key={v.seq}>
                {nameOf(v.after.classId)} <span className="faint">on {v.sampleId}</span>{' '}
                <button type="button" className="small" onClick={() => void undoVerdict(v.seq)}>
                  Undo
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
