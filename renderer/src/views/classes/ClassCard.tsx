import { useEffect, useState } from 'react';
import type { ClassDef } from '../../../../shared/domain/records';
import { imageUrl } from '../../api/studioApi';
import { useStudio } from '../../hooks/useStudio';
import type { ClassPatch } from '../../store/classesSlice';
import { ClassDangerZone } from './ClassDangerZone';
import { hideBroken } from '../common/hideBroken';

/** One class, edited in place: each field saves on its own; a conflict shows under the field. */
export function ClassCard({ cls, count }: { cls: ClassDef; count: number }) {
  const updateClass = useStudio((s) => s.updateClass);
  const removeExample = useStudio((s) => s.removeExample);
  const [name, setName] = useState(cls.name);
  const [key, setKey] = useState(cls.key);
  const [guideline, setGuideline] = useState(cls.guideline);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  useEffect(() => {
    setName(cls.name);
    setKey(cls.key);
    setGuideline(cls.guideline);
  }, [cls]);

  const save = async (patch: ClassPatch, what: string) => {
    const failure = await updateClass(cls.id, patch);
    setError(failure ? (failure.hint ? `${failure.message} ${failure.hint}` : failure.message) : null);
    setSaved(failure ? null : what);
    if (failure) {
      setName(cls.name);
      setKey(cls.key);
    }
  };

  return (
    <li className="class-card" aria-label={`Class ${cls.name}`}>
      <div className="class-main">
        <input type="color" aria-label={`Colour of ${cls.name}`} value={cls.color} onChange={(e) => void save({ color: e.target.value }, 'Colour saved')} />
        <input
          type="text"
          className="class-name-input"
          aria-label={`Name of ${cls.name}`}
          value={name}
          onChange={(e) => setName(e.target.value)}
          onBlur={() => name.trim() !== cls.name && void save({ name: name.trim() }, 'Renamed')}
          onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
        />
        <label className="key-field">
          Key
          <input
            type="text"
            className="key-input"
            aria-label={`Shortcut key of ${cls.name}`}
            maxLength={1}
            value={key}
            onChange={(e) => setKey(e.target.value)}
            onBlur={() => key !== cls.key && void save({ key }, 'Key saved')}
            onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
          />
        </label>
        <span className="class-count" aria-label={`${count} labels`}>
          {count.toLocaleString()} label{count === 1 ? '' : 's'}
        </span>
        <ClassDangerZone cls={cls} />
      </div>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {!error && saved && <p className="hint-text">{saved}.</p>}
      <div className="class-guideline">
        <label htmlFor={`guideline-${cls.id}`}>Guideline</label>
        <textarea
          id={`guideline-${cls.id}`}
          rows={3}
          value={guideline}
          placeholder={`When is an image a ${cls.name}? Edge cases, what to confuse it with…`}
          onChange={(e) => setGuideline(e.target.value)}
        />
        {guideline !== cls.guideline && (
          <div className="guideline-actions">
            <button type="button" className="small primary" onClick={() => void save({ guideline }, 'Guideline saved')}>
              Save guideline
            </button>
            <button type="button" className="small" onClick={() => setGuideline(cls.guideline)}>
              Discard
            </button>
          </div>
        )}
      </div>
      <div className="class-examples" aria-label={`Examples of ${cls.name}`}>
        {cls.examples.length === 0 && <span className="faint">No examples yet: pick them in the gallery (★) or while labeling (“Use as example”).</span>}
        {cls.examples.map((id) => (
          <figure key={id} className="example">
            <img onError={hideBroken} src={imageUrl(id, 'thumb')} alt={`Example of ${cls.name}`} loading="lazy" />
            <button type="button" className="small example-remove" aria-label={`Remove this example of ${cls.name}`} onClick={() => void removeExample(cls.id, id)}>
              ✕
            </button>
          </figure>
        ))}
      </div>
    </li>
  );
}
