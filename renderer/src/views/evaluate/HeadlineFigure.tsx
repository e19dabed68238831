import type { Headline } from './figures';
import { mutedNote } from './figures';

/** One headline figure: big value, its 95% interval and n; muted with the reason when n is under the minimum. */
export function HeadlineFigure({ label, figure, split }: { label: string; figure: Headline; split: string }) {
  return (
    <div className={figure.muted ? 'headline-figure figure-muted' : 'headline-figure'} title={figure.title} aria-label={`${label}: ${figure.value}, ${figure.n}${figure.muted ? `, ${mutedNote(split)}` : ''}`}>
      <span className="headline-label">{label}</span>
      <span className="headline-value">{figure.value}</span>
      <span className="headline-detail">
        {figure.interval && <span>{figure.interval} · </span>}
        <span className="headline-n">{figure.n}</span>
      </span>
      {figure.muted && <span className="headline-note">{mutedNote(split)}</span>}
    </div>
  );
}
