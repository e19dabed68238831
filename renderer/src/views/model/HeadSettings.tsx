import { useEffect, useState } from 'react';
import { useStudio } from '../../hooks/useStudio';
import { parseEpochs } from '../../store/loopSettingsForm';
import { BackendInfo } from './BackendInfo';
import { FineTuneOption } from './FineTuneOption';
import { FormField } from './FormField';

const heads = [
  { kind: 'linear', title: 'Linear', summary: 'softmax regression on the embeddings: fast, hard to overfit' },
  { kind: 'mlp', title: 'MLP', summary: 'one hidden layer with dropout: learns more, needs more labels' },
] as const;

/** What is trained on the embeddings, for how long, and on what. */
export function HeadSettings() {
  const kind = useStudio((s) => s.loop.settings?.head ?? null);
  const headError = useStudio((s) => s.loop.fieldErrors.head);
  const save = useStudio((s) => s.saveLoopSetting);
  const choices = useStudio((s) => s.model.choices);
  const setChoices = useStudio((s) => s.setTrainingChoices);
  const [epochs, setEpochs] = useState(choices.epochs === null ? '' : String(choices.epochs));
  const [epochsProblem, setEpochsProblem] = useState<string | null>(null);
  useEffect(() => setEpochs(choices.epochs === null ? '' : String(choices.epochs)), [choices.epochs]);

  const commitEpochs = () => {
    const parsed = parseEpochs(epochs);
    if ('problem' in parsed) return setEpochsProblem(parsed.problem);
    setEpochsProblem(null);
    setChoices({ epochs: parsed.value });
  };

  return (
    <section className="panel" aria-labelledby="head-heading">
      <header className="panel-head">
        <h2 id="head-heading">Head</h2>
      </header>
      <fieldset className="choice-list" aria-describedby={headError ? 'head-error' : undefined}>
        <legend className="visually-hidden">Head</legend>
        {heads.map((h) => (
          <label key={h.kind} className={kind === h.kind ? 'choice chosen' : 'choice'}>
            <input type="radio" name="head" checked={kind === h.kind} disabled={kind === null} onChange={() => void save('head', h.kind)} />
            <span>
              <strong>{h.title}</strong> <span className="muted">{h.summary}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {headError && (
        <p id="head-error" className="error-text" role="alert">
          {headError}
        </p>
      )}
      <div className="form-grid two">
        <FormField label="Epochs" error={epochsProblem} hint="At most; early stopping ends sooner once val loss stops improving. Empty: the head’s default.">
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              type="text"
              inputMode="numeric"
              value={epochs}
              placeholder="default"
              aria-invalid={invalid}
              aria-describedby={describedBy}
              onChange={(e) => setEpochs(e.target.value)}
              onBlur={commitEpochs}
              onKeyDown={(e) => e.key === 'Enter' && commitEpochs()}
            />
          )}
        </FormField>
      </div>
      <FineTuneOption />
      <BackendInfo />
    </section>
  );
}
