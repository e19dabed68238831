import { memo } from 'react';
import { useStudio } from '../../hooks/useStudio';
import { selectClasses, selectCurrentClassId, selectHasItem, selectLabelCurrent, selectSetView, selectSuggestedClassId } from '../../store/selectors';
import type { ClassDef } from '../../../../shared/domain/records';
import { keepFocus } from './keepFocus';

/** One button per class with its key; the suggestion and the current label are marked. */
export function ClassBar() {
  const classes = useStudio(selectClasses);
  const hasItem = useStudio(selectHasItem);
  const suggested = useStudio(selectSuggestedClassId);
  const labeled = useStudio(selectCurrentClassId);
  const setView = useStudio(selectSetView);
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
      {classes.map((c) => (
        <ClassButton key={c.id} cls={c} suggested={c.id === suggested} current={c.id === labeled} disabled={!hasItem} />
      ))}
    </div>
  );
}

/** Re-renders only when its class, or whether it is suggested or current, changes. */
const ClassButton = memo(function ClassButton({ cls, suggested, current, disabled }: { cls: ClassDef; suggested: boolean; current: boolean; disabled: boolean }) {
  const labelCurrent = useStudio(selectLabelCurrent);
  return (
    <button
      type="button"
      className={['class-button', suggested ? 'suggested' : '', current ? 'current' : ''].join(' ')}
      disabled={disabled}
      aria-keyshortcuts={cls.key || undefined}
      title={cls.key ? `${cls.name} (key ${cls.key.toUpperCase()})` : cls.name}
      onClick={() => labelCurrent(cls.id)}
      onMouseDown={keepFocus}
    >
      <span className="class-color" style={{ background: cls.color }} />
      <span className="class-name">{cls.name}</span>
      {cls.key && <kbd aria-hidden="true">{cls.key.toUpperCase()}</kbd>}
    </button>
  );
});
