import { useState } from 'react';
import { useStudio } from '../../hooks/useStudio';
import { selectInfo } from '../../store/selectors';

/** The demo project: offered prominently on first run, quietly afterwards. */
export function DemoCard({ prominent = false }: { prominent?: boolean }) {
  const info = useStudio(selectInfo);
  const openDemo = useStudio((s) => s.openDemo);
  const busy = useStudio((s) => s.busy);
  const [error, setError] = useState<string | null>(null);
  const start = async () => {
    const failure = await openDemo();
    setError(failure ? (failure.hint ? `${failure.message} ${failure.hint}` : failure.message) : null);
  };
  return (
    <section className={prominent ? 'start-card demo prominent' : 'start-card demo'} aria-labelledby="demo-heading">
      <div>
        <h2 id="demo-heading">{prominent ? 'New here? Try the demo project' : 'Demo project'}</h2>
        <p className="muted">A small image set ready to label, so you can see the whole loop in a few minutes.</p>
        {info && <p className="faint demo-dir">Saved in <span className="mono">{info.defaultDemoDir}</span></p>}
        {error && (
          <p className="error-text" role="alert">
            {error}
          </p>
        )}
      </div>
      <button type="button" className={prominent ? 'primary' : ''} disabled={busy !== null} onClick={() => void start()}>
        {busy === 'demo' ? 'Preparing the demo…' : 'Try the demo project'}
      </button>
    </section>
  );
}
