import { memo } from 'react';
import { useStudio } from '../../hooks/useStudio';
import { selectLoopStatus, selectReadOnly, selectSetView, selectStartTraining, selectTrainingJob } from '../../store/selectors';
import { heldOutText, lastRunText, retrainText, roundText, trainingText } from '../../store/loopStatusText';
import { ProgressBar } from '../common/ProgressBar';
import { keepFocus } from '../labeling/keepFocus';

/** The loop at a glance, always visible: round, labels toward the retrain, last figures, training, backend. */
export const LoopStatusSegment = memo(function LoopStatusSegment() {
  const status = useStudio(selectLoopStatus);
  const job = useStudio(selectTrainingJob);
  const readOnly = useStudio(selectReadOnly);
  const setView = useStudio(selectSetView);
  const retrain = useStudio(selectStartTraining);
  if (!status) return null;
  const training = trainingText(status, job);
  const figures = lastRunText(status);
  const heldOut = heldOutText(status);
  return (
    <span className="loop-status" aria-label="Loop status">
      <span className="loop-round">{roundText(status)}</span>
      <span className="loop-retrain">{retrainText(status)}</span>
      {figures && (
        <span className="loop-figures">
          {figures.map((f, i) => (
            <span key={f.text} className={f.muted ? 'figure-muted' : undefined} title={f.title}>
              {i > 0 && ' · '}
              {f.text}
            </span>
          ))}
        </span>
      )}
      {heldOut && (
        <span className="loop-heldout" title="The queue mixes in random held-out images until each class has enough.">
          {heldOut}
        </span>
      )}
      {training ? (
        <button type="button" className="ghost small loop-training" onClick={() => setView('model')} onMouseDown={keepFocus} title="Open the Model tab">
          <span>{training.text}</span>
          <ProgressBar label="Training progress" fraction={training.fraction} small />
        </button>
      ) : (
        <button type="button" className="small" onClick={() => void retrain()} onMouseDown={keepFocus} disabled={readOnly} aria-keyshortcuts="T">
          Retrain now
        </button>
      )}
      {status.backend && <span className="faint mono">{status.backend}</span>}
    </span>
  );
});
