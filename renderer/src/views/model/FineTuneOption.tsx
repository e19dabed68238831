import { useEffect } from 'react';
import { useStudio } from '../../hooks/useStudio';
import { estimateText, measuredHereText } from '../../store/fineTuneText';

/**
 * The fine-tuning switch for the loop's backbone: whether it can run here and what it
 * trains, whether it pays at this many labels (measured), the project's own measured gain,
 * and, once ticked, how long it will take on this machine.
 */
export function FineTuneOption() {
  const backboneId = useStudio((s) => s.loop.settings?.backboneId ?? null);
  const offer = useStudio((s) => s.model.fineTuneOffer);
  const checked = useStudio((s) => s.model.choices.fineTune);
  const setChoices = useStudio((s) => s.setTrainingChoices);
  const loadOffer = useStudio((s) => s.loadFineTuneOffer);
  useEffect(() => {
    if (backboneId) void loadOffer(false);
  }, [backboneId, loadOffer]);
  const current = offer && offer.backboneId === backboneId ? offer : null;
  const available = current?.available === true;
  const toggle = (on: boolean) => {
    setChoices({ fineTune: on });
    if (on && current && !current.estimate) void loadOffer(true);
  };
  const here = current ? measuredHereText(current) : null;
  return (
    <div className="fine-tune" aria-label="Fine-tuning">
      <label className="check">
        <input type="checkbox" checked={checked && available} disabled={!available} aria-describedby="fine-tune-reason" onChange={(e) => toggle(e.target.checked)} />
        Fine-tune backbone layers
        {current?.advice.pays === true && <span className="badge status-ready">pays here</span>}
      </label>
      <p id="fine-tune-reason" className="hint-text">
        {current === null ? 'Checking what this computer can run…' : available ? current.reason : `Not available here: ${current.reason}`}
      </p>
      {available && current.advice.text && <p className={current.advice.pays === false ? 'hint-text warning-text' : 'hint-text'}>{current.advice.text}</p>}
      {here && <p className={here.muted ? 'hint-text faint' : 'hint-text'}>{here.text}</p>}
      {available && checked && <p className="hint-text">{current.estimating ? 'Timing fine-tuning on this machine…' : (estimateText(current) ?? 'No train labels yet: label some images first.')}</p>}
    </div>
  );
}
