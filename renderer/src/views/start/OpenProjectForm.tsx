import { useState, type FormEvent } from 'react';
import { useStudio } from '../../hooks/useStudio';
import { PathField } from '../common/PathField';
import { pathProblem } from '../common/validation';
import type { StudioErrorPayload } from '../../../../shared/contract/channel';
import { DamagedProjectChoice } from './DamagedProjectChoice';

export function OpenProjectForm() {
  const openProject = useStudio((s) => s.openProject);
  const busy = useStudio((s) => s.busy);
  const [dir, setDir] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [failure, setFailure] = useState<StudioErrorPayload | null>(null);
  const show = (f: StudioErrorPayload | null) => {
    setFailure(f);
    setError(f ? (f.hint ? `${f.message} ${f.hint}` : f.message) : null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = pathProblem(dir, 'project folder');
    if (problem) return setError(problem);
    show(await openProject(dir.trim()));
  };

  return (
    <form className="start-form" onSubmit={(e) => void submit(e)} noValidate>
      <PathField label="Project folder to open" purpose="open" value={dir} onChange={setDir} error={error} placeholder="/home/you/projects/birds" />
      {failure && <DamagedProjectChoice dir={dir.trim()} failure={failure} onResult={show} />}
      <div>
        <button type="submit" disabled={busy !== null}>
          {busy === 'open' ? 'Opening…' : 'Open project'}
        </button>
      </div>
    </form>
  );
}
