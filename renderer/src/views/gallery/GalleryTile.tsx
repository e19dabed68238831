import { memo, type KeyboardEvent } from 'react';
import type { SampleRow } from '../../../../shared/contract/samples';
import { imageUrl } from '../../api/studioApi';
import { useStudio } from '../../hooks/useStudio';
import { galleryVia, showsPredictions } from '../../store/gallerySlice';
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
  const flagFromGallery = useStudio((s) => s.flagFromGallery);
  const filter = useStudio((s) => s.gallery.filter);
  const readOnly = useStudio((s) => s.project?.readOnly ?? false);
  const byModel = showsPredictions(filter);
  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (readOnly || e.ctrlKey || e.metaKey || e.altKey) return;
    if (byModel && e.key.toLowerCase() === 'f') {
      e.preventDefault();
      void flagFromGallery(sample.id);
      return;
    }
    const target = classes.find((c) => c.key && c.key.toLowerCase() === e.key.toLowerCase());
    if (!target) return;
    e.preventDefault();
    void labelFromGallery(sample.id, target.id);
  };
  const cls = sample.label.classId ? classes.find((c) => c.id === sample.label.classId) : undefined;
  const state = cls ? cls.name : sample.label.skipped ? 'skipped' : 'unlabeled';
  const prediction = sample.prediction ? predictionText(sample.prediction, classes, sample.label.classId) : null;
  return (
    <div role="gridcell" className="tile">
      <button
        type="button"
        className="tile-open"
        aria-label={`${sample.fileName}, ${state}${sample.label.flag ? ', flagged' : ''}, ${sample.split}`}
        title={`${sample.relativePath}${prediction ? `\n${prediction.title}` : ''}\nClick to open; a class key labels it here${byModel ? '; F sends it to review' : ''}.`}
        onClick={() => openSample(sample.id, galleryVia(filter))}
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
        {prediction && <span className={`tile-prediction ${prediction.verdict}`}>{prediction.text}</span>}
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

/** "→ dog 93% ✗": what the listed run predicts, and whether that matches the label. */
function predictionText(p: NonNullable<SampleRow['prediction']>, classes: readonly { id: string; name: string }[], label: string | null) {
  const name = classes.find((c) => c.id === p.classId)?.name ?? 'a removed class';
  const verdict = label === null ? 'unlabeled' : label === p.classId ? 'right' : 'wrong';
  const mark = verdict === 'right' ? ' ✓' : verdict === 'wrong' ? ' ✗' : '';
  return { text: `→ ${name} ${Math.round(p.probability * 100)}%${mark}`, verdict, title: `The model predicts ${name} (${(p.probability * 100).toFixed(1)}%, margin ${p.margin.toFixed(2)})${verdict === 'wrong' ? ': not the label' : ''}` };
}
