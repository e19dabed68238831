import { useState, type FormEvent } from 'react';
import { useStudio } from '../../hooks/useStudio';
import { Dialog } from '../common/Dialog';
import { FormField } from './FormField';
import { buildCard, emptyDraft, idFromName, type DraftProblems, type LocalModelDraft } from './localModelForm';
import { PathField } from '../common/PathField';

type TextField = 'name' | 'path' | 'width' | 'height' | 'mean' | 'std' | 'outputName' | 'embeddingSize';

/**
 * "Add a local model…": an `.onnx` file or a TF.js `model.json` with its preprocessing card.
 * The studio runs one dummy image through it before accepting it; its reason shows here.
 */
export function AddLocalModelDialog({ onClose }: { onClose(): void }) {
  const addLocalModel = useStudio((s) => s.addLocalModel);
  const [draft, setDraft] = useState<LocalModelDraft>(emptyDraft);
  const [problems, setProblems] = useState<DraftProblems>({});
  const [refused, setRefused] = useState<{ message: string; hint?: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const edit = <K extends keyof LocalModelDraft>(key: K, value: LocalModelDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setProblems((p) => ({ ...p, [key]: undefined }));
  };
  const text = (key: TextField, label: string, extra: { hint?: string; placeholder?: string; className?: string } = {}) => (
    <FormField label={label} error={problems[key]} hint={extra.hint} className={extra.className}>
      {({ id, describedBy, invalid }) => (
        <input id={id} type="text" spellCheck={false} value={draft[key]} placeholder={extra.placeholder} aria-invalid={invalid} aria-describedby={describedBy} onChange={(e) => edit(key, e.target.value)} />
      )}
    </FormField>
  );
  const choice = <K extends 'channels' | 'layout' | 'pixelRange' | 'tap' | 'pool'>(key: K, label: string, options: [LocalModelDraft[K], string][]) => (
    <FormField label={label}>
      {({ id }) => (
        <select id={id} value={draft[key]} onChange={(e) => edit(key, e.target.value as LocalModelDraft[K])}>
          {options.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setRefused(null);
    const built = buildCard(draft);
    if (!built.card) return setProblems(built.problems);
    setBusy(true);
    const error = await addLocalModel(draft.path.trim(), built.card);
    setBusy(false);
    if (error) setRefused(error);
    else onClose();
  };

  return (
    <Dialog title="Add a local model" onClose={onClose} wide>
      <form className="local-model-form" onSubmit={(e) => void submit(e)}>
        <div className="form-grid two">
          {text('name', 'Name', { hint: draft.name ? `id: ${idFromName(draft.name) || '—'}` : 'Shown in the backbone list.' })}
          <PathField label="Model file (.onnx or TF.js model.json, on the studio’s computer)" purpose="model" value={draft.path} onChange={(v) => edit('path', v)} error={problems.path} placeholder="/models/resnet50.onnx or /models/mobilenet/model.json" />
        </div>
        <h3>Input</h3>
        <div className="form-grid four">
          {text('width', 'Width (px)')}
          {text('height', 'Height (px)')}
          {choice('channels', 'Channels', [['3', '3 (RGB)'], ['1', '1 (gray)']])}
          {choice('layout', 'Layout', [['NCHW', 'NCHW (PyTorch)'], ['NHWC', 'NHWC (TensorFlow)']])}
        </div>
        <div className="form-grid three">
          {choice('pixelRange', 'Pixel values', [['0-1', '0–1 (÷255)'], ['0-255', '0–255 (raw)']])}
          {text('mean', 'Mean per channel')}
          {text('std', 'Std per channel')}
        </div>
        <h3>Output</h3>
        <div className="form-grid four">
          {text('outputName', 'Output name', { placeholder: 'first output' })}
          {choice('tap', 'Read', [['output', 'the output'], ['classifier-input', 'the classifier’s input']])}
          {choice('pool', 'Pooling', [['mean', 'mean'], ['flatten', 'flatten'], ['cls', 'first token (ViT)']])}
          {text('embeddingSize', 'Embedding size')}
        </div>
        {refused && (
          <div className="form-refused" role="alert">
            <p className="error-text">The studio refused this model: {refused.message}</p>
            {refused.hint && <p className="hint-text">{refused.hint}</p>}
          </div>
        )}
        <footer className="form-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Checking the model…' : 'Add model'}
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
