import type { QueueItem } from '../../../../shared/contract/queue';
import { useStudio } from '../../hooks/useStudio';
import { selectClasses } from '../../store/selectors';
import { keepFocus } from './keepFocus';

/** The model's top classes for this image; Space accepts the first. */
export function SuggestionList({ top }: { top: QueueItem['top'] }) {
  const classes = useStudio(selectClasses);
  const accept = useStudio((s) => s.acceptSuggestion);
  const shown = top.slice(0, 3).map((t) => ({ ...t, cls: classes.find((c) => c.id === t.classId) }));
  return (
    <div className="suggestion" aria-label="The model's suggestion">
      <h3>Model suggests</h3>
      <ol className="suggestion-list">
        {shown.map((t, i) => (
          <li key={t.classId} className={i === 0 ? 'top' : ''}>
            <span className="swatch" style={{ background: t.cls?.color ?? 'var(--faint)' }} />
            <span className="suggestion-name">{t.cls?.name ?? 'a class that no longer exists'}</span>
            <span className="suggestion-bar">
              <span style={{ width: `${Math.round(t.probability * 100)}%`, background: t.cls?.color ?? 'var(--faint)' }} />
            </span>
            <span className="suggestion-p">{Math.round(t.probability * 100)}%</span>
          </li>
        ))}
      </ol>
      <button type="button" className="primary small" disabled={!shown[0]?.cls} onClick={accept} onMouseDown={keepFocus} aria-keyshortcuts="Space">
        Accept {shown[0]?.cls?.name ?? ''} <kbd aria-hidden="true">Space</kbd>
      </button>
    </div>
  );
}
