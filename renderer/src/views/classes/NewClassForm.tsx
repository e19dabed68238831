import { useState, type FormEvent } from 'react';
import { useStudio } from '../../hooks/useStudio';
import { parseClassList } from '../common/validation';

/** Adds a class; the studio picks a free colour and key unless given. */
export function NewClassForm() {
  const createClass = useStudio((s) => s.createClass);
  const [name, setName] = useState('');
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { classes, problem } = parseClassList(name);
    if (problem || classes.length !== 1) return setError(problem ?? 'Type one class name.');
    const failure = await createClass({ name: classes[0].name, ...(key ? { key } : {}) });
    if (failure) return setError(failure.hint ? `${failure.message} ${failure.hint}` : failure.message);
    setError(null);
    setName('');
    setKey('');
  };
  return (
    <form className="new-class" onSubmit={(e) => void submit(e)} noValidate aria-label="New class">
      <input type="text" aria-label="New class name" placeholder="New class name" value={name} onChange={(e) => setName(e.target.value)} />
      <input type="text" className="key-input" aria-label="Shortcut key" placeholder="key" maxLength={1} value={key} onChange={(e) => setKey(e.target.value)} />
      <button type="submit" className="primary">
        Add class
      </button>
      {error && (
        <span className="error-text" role="alert">
          {error}
        </span>
      )}
    </form>
  );
}
