import { useEffect } from 'react';
import { useStudio } from './hooks/useStudio';
import { selectProject } from './store/selectors';
import { StartScreen } from './views/start/StartScreen';
import { Toasts } from './views/shell/Toasts';
import { NamePrompt } from './views/shell/NamePrompt';
import { Workspace } from './views/shell/Workspace';

/** The start screen until a project is open, then the workspace; toasts over both. */
export function App() {
  const booted = useStudio((s) => s.booted);
  const bootError = useStudio((s) => s.bootError);
  const project = useStudio(selectProject);
  const needsName = useStudio((s) => s.needsName);
  const boot = useStudio((s) => s.boot);
  useEffect(() => void boot(), [boot]);

  let screen;
  if (!booted) screen = <div className="splash">Starting the studio…</div>;
  else if (bootError)
    screen = (
      <div className="splash" role="alert">
        <div>
          <h1>The studio could not start</h1>
          <p className="error-text">{bootError.message}</p>
          {bootError.hint && <p className="muted">{bootError.hint}</p>}
        </div>
      </div>
    );
  else if (needsName) screen = <NamePrompt />;
  else screen = project ? <Workspace /> : <StartScreen />;
  return (
    <>
      {screen}
      <Toasts />
    </>
  );
}
