import { useStudio } from '../../hooks/useStudio';
import { NumberSetting } from './NumberSetting';
import { StrategyChooser } from './StrategyChooser';

/** How the active-learning loop runs: the strategy, batches, background retraining, held-out labels. */
export function LoopSettingsPanel() {
  const autoRetrain = useStudio((s) => s.loop.settings?.autoRetrain ?? null);
  const autoError = useStudio((s) => s.loop.fieldErrors.autoRetrain);
  const save = useStudio((s) => s.saveLoopSetting);
  return (
    <section className="panel" aria-labelledby="loop-heading">
      <header className="panel-head">
        <h2 id="loop-heading">Active learning</h2>
      </header>
      <StrategyChooser />
      <div className="form-grid two">
        <NumberSetting field="batchSize" label="Batch size" unit="images" hint="How many images one round picks together." />
        <NumberSetting field="retrainEvery" label="Retrain every" unit="new labels" hint="The model retrains in the background after this many labels." />
      </div>
      <label className="check">
        <input type="checkbox" checked={autoRetrain ?? false} disabled={autoRetrain === null} aria-describedby={autoError ? 'auto-retrain-error' : undefined} onChange={(e) => void save('autoRetrain', e.target.checked)} />
        Retrain automatically
      </label>
      {autoError && (
        <p id="auto-retrain-error" className="error-text" role="alert">
          {autoError}
        </p>
      )}
      <h3 className="subhead">Held-out labels</h3>
      <p className="hint-text">Until each class has this many, the queue mixes in random val and test images (shown without a suggestion).</p>
      <div className="form-grid two">
        <NumberSetting field="minTestLabelsPerClass" label="Test labels per class" hint="Behind every figure in Evaluate." />
        <NumberSetting field="minValLabelsPerClass" label="Val labels per class" hint="Stop training early and score runs." />
      </div>
    </section>
  );
}
