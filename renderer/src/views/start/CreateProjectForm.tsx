import { useState, type FormEvent } from 'react';
import { useStudio } from '../../hooks/useStudio';
import { PathField } from '../common/PathField';
import { baseName, parseClassList, pathProblem } from '../common/validation';

/** Folder, name and the first classes; the studio makes the folder a project. */
export function CreateProjectForm() {
  const createProject = useStudio((s) => s.createProject);
  const busy = useStudio((s) => s.busy);
  const [dir, setDir] = useState('');
  const [name, setName] = useState('');
  const [classText, setClassText] = useState('');
  const [errors, setErrors] = useState<{ dir?: string; classes?: string; form?: string }>({});

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const dirProblem = pathProblem(dir);
    const { classes, problem } = parseClassList(classText);
    if (dirProblem || problem) return setErrors({ dir: dirProblem ?? undefined, classes: problem ?? undefined });
    setErrors({});
    const failure = await createProject({ dir: dir.trim(), name: name.trim() || undefined, classes });
    if (failure) setErrors({ form: failure.hint ? `${failure.message} ${failure.hint}` : failure.message });
  };

  return (
    <form className="start-form" onSubmit={(e) => void submit(e)} noValidate>
      <PathField label="Project folder" purpose="create" value={dir} onChange={setDir} error={errors.dir} placeholder="/home/you/projects/birds" />
      <div className="field">
        <label htmlFor="new-project-name">Name</label>
        <input id="new-project-name" type="text" value={name} placeholder={baseName(dir) || 'Birds of the garden'} onChange={(e) => setName(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="new-project-classes">Classes</label>
        <input
          id="new-project-classes"
          type="text"
          value={classText}
          placeholder="robin, blackbird, sparrow"
          aria-invalid={errors.classes ? true : undefined}
          onChange={(e) => setClassText(e.target.value)}
        />
        {errors.classes ? (
          <span className="error-text" role="alert">
            {errors.classes}
          </span>
        ) : (
          <span className="hint-text">Separated by commas. You can add, rename and merge classes later.</span>
        )}
      </div>
      {errors.form && (
        <p className="error-text" role="alert">
          {errors.form}
        </p>
      )}
      <div>
        <button type="submit" className="primary" disabled={busy !== null}>
          {busy === 'create' ? 'Creating…' : 'Create project'}
        </button>
      </div>
    </form>
  );
}
