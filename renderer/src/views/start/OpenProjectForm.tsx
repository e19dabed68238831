import { useState, type FormEvent } from 'react';
import { useStudio } from '../../hooks/useStudio';
import { PathField } from '../common/PathField';
import { pathProblem } from '../common/validation';

export function OpenProjectForm() {
  const openProject = useStudio((s) => s.openProject);
  const busy = useStudio((s) => s.busy);
  const [dir, setDir] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = pathProblem(dir, 'project folder');
    if (problem) return setError(problem);
    const failure = await openProject(dir.trim());
    setError(failure ? (failure.hint ? `${failure.message} ${failure.hint}` : failure.message) : null);
  };

  return (
    <form className="start-form" onSubmit={(e) => void submit(e)} noValidate>
      <PathField label="Project folder to open" purpose="open" value={dir} onChange={setDir} error={error} placeholder="/home/you/projects/birds" />
      <div>
        <button type="submit" disabled={busy !== null}>
          {busy === 'open' ? 'Opening…' : 'Open project'}
        </button>
      </div>
    </form>
  );
}
