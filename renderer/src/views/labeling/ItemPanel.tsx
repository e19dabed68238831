import { memo } from 'react';
import { useStudio } from '../../hooks/useStudio';
import type { StudioState } from '../../store';
import { selectClasses, selectCurrentItem, selectCurrentRow, selectHasItem } from '../../store/selectors';
import { suggestionOf } from '../../store/labelingQueue';
import { ExamplePicker } from './ExamplePicker';
import { ItemReason } from './ItemReason';
import { SuggestionList } from './SuggestionList';
import { keepFocus } from './keepFocus';

const selectUnflag = (s: StudioState) => s.unflagCurrent;

/** About the image on screen: why it was chosen, where it stands, the model's suggestion, actions. */
export function ItemPanel() {
  const item = useStudio(selectCurrentItem);
  const row = useStudio(selectCurrentRow);
  const classes = useStudio(selectClasses);
  const unflag = useStudio(selectUnflag);
  // A second opinion is given blind: the other person's label stays hidden.
  const label = item?.secondOpinion ? undefined : row?.label;
  const suggestion = suggestionOf(item);
  const labeledAs = label?.classId ? classes.find((c) => c.id === label.classId) : undefined;

  return (
    <section className="item-panel" aria-label="This image">
      {item && <ItemReason item={item} row={row} />}
      {label && (labeledAs || label.skipped || label.flag || label.needsReview) && (
        <div className="item-state" role="status">
          {labeledAs && (
            <p>
              <span className="swatch" style={{ background: labeledAs.color }} /> Labeled <strong>{labeledAs.name}</strong>
              {label.annotator && <span className="faint"> by {label.annotator}</span>}. Press a class key to change it.
            </p>
          )}
          {!labeledAs && label.skipped && <p className="muted">Skipped earlier.</p>}
          {label.needsReview && (
            <p className="review-note">{label.needsReview === 'conflict' ? '⚠ Two answers conflict: waiting for a reviewer.' : '⚠ Two people disagree on this image: waiting for a reviewer.'}</p>
          )}
          {label.reviewed && <p className="faint">Final decision by {label.reviewed.by} (reviewer).</p>}
          {label.flag && (
            <p className="flag-note">
              ⚑ Flagged by {label.flag.by}
              {label.flag.comment && `: “${label.flag.comment}”`}{' '}
              <button type="button" className="small" onClick={unflag} onMouseDown={keepFocus}>
                Unflag
              </button>
            </p>
          )}
        </div>
      )}
      {suggestion.length > 0 && <SuggestionList top={suggestion} />}
      <ItemActions />
      {item && <ExamplePicker sampleId={item.sampleId} preferred={label?.classId ?? suggestion[0]?.classId ?? null} />}
    </section>
  );
}

const selectActions = {
  skip: (s: StudioState) => s.skipCurrent,
  flag: (s: StudioState) => s.openFlagPrompt,
  undo: (s: StudioState) => s.undoLast,
  guidelines: (s: StudioState) => s.toggleGuidelines,
  help: (s: StudioState) => s.toggleHelp,
};

/** The same buttons for every image: they re-render only when an image comes or goes. */
const ItemActions = memo(function ItemActions() {
  const hasItem = useStudio(selectHasItem);
  const skip = useStudio(selectActions.skip);
  const openFlagPrompt = useStudio(selectActions.flag);
  const undo = useStudio(selectActions.undo);
  const toggleGuidelines = useStudio(selectActions.guidelines);
  const toggleHelp = useStudio(selectActions.help);
  return (
    <div className="item-actions">
      <button type="button" disabled={!hasItem} onClick={skip} onMouseDown={keepFocus} aria-keyshortcuts="S">
        Skip <kbd aria-hidden="true">S</kbd>
      </button>
      <button type="button" disabled={!hasItem} onClick={openFlagPrompt} onMouseDown={keepFocus} aria-keyshortcuts="F">
        Flag <kbd aria-hidden="true">F</kbd>
      </button>
      <button type="button" onClick={() => void undo()} onMouseDown={keepFocus} aria-keyshortcuts="Backspace">
        Undo <kbd aria-hidden="true">⌫</kbd>
      </button>
      <button type="button" onClick={toggleGuidelines} onMouseDown={keepFocus} aria-keyshortcuts="H">
        Guidelines <kbd aria-hidden="true">H</kbd>
      </button>
      <button type="button" onClick={toggleHelp} onMouseDown={keepFocus} aria-label="Keyboard shortcuts" aria-keyshortcuts="?">
        <kbd aria-hidden="true">?</kbd>
      </button>
    </div>
  );
});
