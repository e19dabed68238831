import { useEffect } from 'react';
import { useStudio } from '../../hooks/useStudio';
import { BackbonePicker } from './BackbonePicker';
import { HeadSettings } from './HeadSettings';
import { LoopSettingsPanel } from './LoopSettingsPanel';
import { RunsPanel } from './RunsPanel';
import { TrainingPanel } from './TrainingPanel';
import { BatchesPanel } from '../batches/BatchesPanel';
import '../common/panel.css';
import './model.css';

/** The model: backbone, head, the loop's settings, training now, and every run so far. */
export function ModelView() {
  const loadModelTab = useStudio((s) => s.loadModelTab);
  const loadLoopSettings = useStudio((s) => s.loadLoopSettings);
  useEffect(() => {
    void loadModelTab();
    void loadLoopSettings();
  }, [loadModelTab, loadLoopSettings]);
  return (
    <div className="model-view scroll">
      <div className="model-grid">
        <div className="model-column">
          <TrainingPanel />
          <RunsPanel />
          <LoopSettingsPanel />
        </div>
        <div className="model-column">
          <BackbonePicker />
          <HeadSettings />
          <BatchesPanel />
        </div>
      </div>
    </div>
  );
}
