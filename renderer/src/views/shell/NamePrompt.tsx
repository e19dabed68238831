import { useState, type FormEvent } from 'react';
import { useStudio } from '../../hooks/useStudio';

/**
 * The first visit of a browser: who is labeling? Several people label through one studio,
 * so every decision records the name given here (kept in this browser for next time).
 */
export function NamePrompt() {
  const setAnnotator = useStudio((s) => s.setAnnotator);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    const failure = await setAnnotator(name);
    setSaving(false);
    setError(failure?.message ?? null);
  };
  return (
    <div className="splash">
      <form className="name-prompt" onSubmit={(e) => void submit(e)} aria-labelledby="name-prompt-heading">
        <h1 id="name-prompt-heading">Who is labeling?</h1>
        <p className="muted">Every label you give records this name, so the team can see who decided what, measure agreement and send disagreements to a reviewer. This browser remembers it.</p>
        <label htmlFor="name-prompt-input">Your name</label>
        <input id="name-prompt-input" type="text" value={name} autoFocus maxLength={80} autoComplete="name" aria-invalid={error ? true : undefined} onChange={(e) => setName(e.target.value)} />
        {error && <p className="error-text">{error}</p>}
        <button type="submit" className="primary" disabled={saving}>
          Start labeling
        </button>
      </form>
    </div>
  );
}
