import { useId } from 'react';
import { useStudio } from '../../hooks/useStudio';
import { selectNativeDialogs } from '../../store/selectors';
import type { FolderPurpose } from '../../store/appSlice';

interface PathFieldProps {
  label: string;
  value: string;
  onChange(value: string): void;
  purpose: FolderPurpose;
  error?: string | null;
  placeholder?: string;
  /** Several paths, one per line. */
  multiline?: boolean;
  /** Takes the focus when its dialog opens. */
  focusFirst?: boolean;
}

/** A path typed by hand (browser mode: a path on the studio's computer) or picked with Browse… (Electron). */
export function PathField({ label, value, onChange, purpose, error, placeholder, multiline, focusFirst }: PathFieldProps) {
  const id = useId();
  const native = useStudio(selectNativeDialogs);
  const chooseFolder = useStudio((s) => s.chooseFolder);
  const browse = async () => {
    const picked = await chooseFolder(purpose);
    if (picked) onChange(multiline && value.trim() ? `${value.trim()}\n${picked}` : picked);
  };
  const common = {
    id,
    value,
    placeholder,
    spellCheck: false,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `${id}-error` : undefined,
    'data-autofocus': focusFirst || undefined,
  } as const;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="field-row">
        {multiline ? (
          <textarea {...common} rows={3} onChange={(e) => onChange(e.target.value)} />
        ) : (
          <input {...common} type="text" onChange={(e) => onChange(e.target.value)} />
        )}
        {native && (
          <button type="button" onClick={() => void browse()}>
            Browse…
          </button>
        )}
      </div>
      {error && (
        <span id={`${id}-error`} className="error-text" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
