import { useEffect, useState, type FormEvent } from 'react';
import { useStudio } from '../../hooks/useStudio';
import { selectAnnotator } from '../../store/selectors';

/** Who is labeling: shown everywhere, editable in place; every decision records it. */
export function AnnotatorField() {
  const annotator = useStudio(selectAnnotator);
  const setAnnotator = useStudio((s) => s.setAnnotator);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(annotator);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setDraft(annotator), [annotator]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const failure = await setAnnotator(draft);
    setError(failure?.message ?? null);
    if (!failure) setEditing(false);
  };

  if (!editing) {
    return (
      <button type="button" className="ghost annotator" aria-label={`Annotator: ${annotator || 'not set'} (change)`} onClick={() => setEditing(true)}>
        <span className="faint">Annotator</span> <strong>{annotator || 'not set'}</strong> <span aria-hidden="true">✎</span>
      </button>
    );
  }
  return (
    <form className="annotator-form" onSubmit={(e) => void save(e)}>
      <label htmlFor="annotator-name" className="visually-hidden">
        Annotator name
      </label>
      <input
        id="annotator-name"
        type="text"
        value={draft}
        autoFocus
        maxLength={80}
        aria-invalid={error ? true : undefined}
        title={error ?? undefined}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            setDraft(annotator);
            setEditing(false);
          }
        }}
      />
      <button type="submit" className="small primary">
        Save name
      </button>
      {error && <span className="error-text">{error}</span>}
    </form>
  );
}
