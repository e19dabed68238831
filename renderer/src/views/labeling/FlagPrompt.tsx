import { useState } from 'react';
import { useStudio } from '../../hooks/useStudio';

/** F: flag as unsure for expert review, with an optional comment. Enter confirms, Esc cancels. */
export function FlagPrompt() {
  const flagCurrent = useStudio((s) => s.flagCurrent);
  const closeOverlay = useStudio((s) => s.closeOverlay);
  const [comment, setComment] = useState('');
  return (
    <form
      className="flag-prompt"
      aria-label="Flag for review"
      onSubmit={(e) => {
        e.preventDefault();
        flagCurrent(comment);
      }}
    >
      <label htmlFor="flag-comment">Unsure? Flag it for expert review</label>
      <input
        id="flag-comment"
        type="text"
        autoFocus
        maxLength={2000}
        value={comment}
        placeholder="What makes it hard? (optional)"
        onChange={(e) => setComment(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            closeOverlay();
          }
        }}
      />
      <button type="submit" className="primary small">
        Flag
      </button>
      <button type="button" className="small" onClick={closeOverlay}>
        Cancel
      </button>
    </form>
  );
}
