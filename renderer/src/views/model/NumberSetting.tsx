import { useEffect, useState } from 'react';
import { useStudio } from '../../hooks/useStudio';
import { parseSetting, settingBounds, type NumericSetting } from '../../store/loopSettingsForm';
import { FormField } from './FormField';

interface NumberSettingProps {
  field: NumericSetting;
  label: string;
  hint: string;
  unit?: string;
}

/** A whole-number loop setting, saved on Enter or when the field loses focus; refusals show under it. */
export function NumberSetting({ field, label, hint, unit }: NumberSettingProps) {
  const saved = useStudio((s) => s.loop.settings?.[field] ?? null);
  const serverError = useStudio((s) => s.loop.fieldErrors[field]);
  const saving = useStudio((s) => s.loop.saving[field] ?? false);
  const save = useStudio((s) => s.saveLoopSetting);
  const clearError = useStudio((s) => s.clearFieldError);
  const [text, setText] = useState(saved === null ? '' : String(saved));
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => setText(saved === null ? '' : String(saved)), [saved]);
  const { min, max } = settingBounds(field);

  const commit = () => {
    const parsed = parseSetting(field, text);
    if ('problem' in parsed) return setProblem(parsed.problem);
    setProblem(null);
    if (parsed.value !== saved) void save(field, parsed.value);
  };

  return (
    <FormField label={label} error={problem ?? serverError} hint={saving ? 'Saving…' : hint}>
      {({ id, describedBy, invalid }) => (
        <span className="number-setting">
          <input
            id={id}
            type="number"
            min={min}
            max={max}
            step={1}
            value={text}
            disabled={saved === null}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            onChange={(e) => {
              setText(e.target.value);
              setProblem(null);
              if (serverError) clearError(field);
            }}
            onBlur={commit}
            onKeyDown={(e) => e.key === 'Enter' && commit()}
          />
          {unit && <span className="faint">{unit}</span>}
        </span>
      )}
    </FormField>
  );
}
