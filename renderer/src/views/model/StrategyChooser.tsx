import { useStudio } from '../../hooks/useStudio';

/** Which strategy orders the queue: each with its one-line summary; cold-start ones work before any model. */
export function StrategyChooser() {
  const strategies = useStudio((s) => s.loop.strategies);
  const chosen = useStudio((s) => s.loop.settings?.strategy ?? null);
  const error = useStudio((s) => s.loop.fieldErrors.strategy);
  const saving = useStudio((s) => s.loop.saving.strategy ?? false);
  const save = useStudio((s) => s.saveLoopSetting);
  if (strategies === null) return <p className="faint">Loading the strategies…</p>;
  return (
    <fieldset className="choice-list strategies" aria-describedby={error ? 'strategy-error' : undefined}>
      <legend>
        Strategy {saving && <span className="faint">saving…</span>}
      </legend>
      {strategies.map((s) => (
        <label key={s.name} className={s.name === chosen ? 'choice chosen' : 'choice'}>
          <input type="radio" name="strategy" value={s.name} checked={s.name === chosen} onChange={() => void save('strategy', s.name)} />
          <span>
            <strong className="mono">{s.name}</strong>{' '}
            {s.coldStart && (
              <span className="badge cold" title="Works before any model exists">
                cold start
              </span>
            )} <span className="muted">{s.summary}</span>
          </span>
        </label>
      ))}
      {error && (
        <p id="strategy-error" className="error-text" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
