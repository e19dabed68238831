import { useStudio } from '../../hooks/useStudio';
import { suggestionOf } from '../../store/labelingQueue';
import { selectClasses, selectCurrentItem, selectCurrentRow } from '../../store/selectors';
import { keepFocus } from './keepFocus';

/** One button per class with its key; the suggestion and the current label are marked. */
export function ClassBar() {
  const classes = useStudio(selectClasses);
  const item = useStudio(selectCurrentItem);
  const row = useStudio(selectCurrentRow);
  const labelCurrent = useStudio((s) => s.labelCurrent);
  const setView = useStudio((s) => s.setView);
  const suggested = suggestionOf(item)[0]?.classId;
  if (classes.length === 0) {
    return (
      <div className="classbar empty">
        <span className="muted">This project has no classes yet.</span>
        <button type="button" onClick={() => setView('classes')}>
          Add classes
        </button>
      </div>
    );
  }
  return (
    <div className="classbar" role="group" aria-label="Classes">
      {classes.map((c) => {
        const classes = ['class-button', c.id === suggested ? 'suggested' : '', c.id === row?.label.classId ? 'current' : ''].join(' ');
        return (
          <button
            key={c.id}
            type="button"
            className={classes}
            disabled={!item}
            aria-keyshortcuts={c.key || undefined}
            title={c.key ? `${c.name} (key ${c.key.toUpperCase()})` : c.name}
            onClick={() => labelCurrent(c.id)}
            onMouseDown={keepFocus}
          >
            <span className="class-color" style={{ background: c.color }} />
            <span className="class-name">{c.name}</span>
            {c.key && <kbd aria-hidden="true">{c.key.toUpperCase()}</kbd>}
          </button>
        );
      })}
    </div>
  );
}
