import { memo, type KeyboardEvent } from 'react';
import type { SampleRow } from '../../../../shared/contract/samples';
import { imageUrl } from '../../api/studioApi';
import { useStudio } from '../../hooks/useStudio';
import { selectClasses } from '../../store/selectors';
import { hideBroken } from '../common/hideBroken';

/**
 * One thumbnail: class colour, flag and split at a glance; a click opens it for labeling, and
 * a class key pressed on the focused tile labels it where it stands.
 */
export const GalleryTile = memo(function GalleryTile({ sample, size }: { sample: SampleRow; size: number }) {
  const classes = useStudio(selectClasses);
  const openSample = useStudio((s) => s.openSample);
  const addExample = useStudio((s) => s.addExample);
  const labelFromGallery = useStudio((s) => s.labelFromGallery);
  const readOnly = useStudio((s) => s.project?.readOnly ?? false);
  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (readOnly || e.ctrlKey || e.metaKey || e.altKey) return;
    const target = classes.find((c) => c.key && c.key.toLowerCase() === e.key.toLowerCase());
    if (!target) return;
    e.preventDefault();
    void labelFromGallery(sample.id, target.id);
  };
  const cls = sample.label.classId ? classes.find((c) => c.id === sample.label.classId) : undefined;
  const state = cls ? cls.name : sample.label.skipped ? 'skipped' : 'unlabeled';
  return (
    <div role="gridcell" className="tile">
      <button
        type="button"
        className="tile-open"
        aria-label={`${sample.fileName}, ${state}${sample.label.flag ? ', flagged' : ''}, ${sample.split}`}
        title={`${sample.relativePath}\nClick to open; a class key labels it here.`}
        onClick={() => openSample(sample.id)}
        onKeyDown={onKeyDown}
      >
        <img onError={hideBroken} src={imageUrl(sample.id, 'thumb')} alt="" decoding="async" style={{ width: size, height: size }} />
        <span className="tile-class" style={{ background: cls?.color ?? 'transparent' }} />
        {sample.label.flag && (
          <span className="tile-flag" title={sample.label.flag.comment || 'Flagged for review'}>
            ⚑
          </span>
        )}
        <span className={`tile-split ${sample.split}`}>{sample.split}</span>
        <span className="tile-caption">
          <span className="tile-name">{sample.fileName}</span>
          <span className={cls ? 'tile-label' : 'tile-label faint'}>{cls?.name ?? (sample.label.skipped ? 'skipped' : '—')}</span>
        </span>
      </button>
      {cls && (
        <button type="button" className="tile-example small" aria-label={`Use ${sample.fileName} as an example of ${cls.name}`} onClick={() => void addExample(cls.id, sample.id)}>
          ★
        </button>
      )}
    </div>
  );
});

export function TilePlaceholder({ size }: { size: number }) {
  return (
    <div className="tile placeholder" aria-hidden="true">
      <span style={{ width: size, height: size }} />
    </div>
  );
}
