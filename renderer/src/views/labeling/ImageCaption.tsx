import { useStudio } from '../../hooks/useStudio';
import { selectCurrentRow } from '../../store/selectors';

/** File name, size and split over the image's top-left corner. */
export function ImageCaption() {
  const row = useStudio(selectCurrentRow);
  if (!row) return null;
  return (
    <div className="caption" aria-label="Image details">
      <span className="caption-name" title={row.relativePath}>
        {row.fileName}
      </span>
      <span className="faint">
        {row.width} × {row.height}
      </span>
      <span className={`split-badge ${row.split}`}>{row.split}</span>
    </div>
  );
}
