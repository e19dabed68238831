import { imageUrl } from '../../api/studioApi';
import { hideBroken } from '../common/hideBroken';

/** A sample's thumbnail, by id; a click opens it in the labeling view. */
export function SampleThumb({ id, caption, onOpen, selected }: { id: string; caption?: string; onOpen?(): void; selected?: boolean }) {
  return (
    <button type="button" className={`data-thumb${selected ? ' selected' : ''}`} onClick={onOpen} title={caption} aria-pressed={selected}>
      <img src={imageUrl(id, 'thumb')} alt={caption ?? `sample ${id}`} loading="lazy" onError={hideBroken} />
      {caption && <span className="data-thumb-caption">{caption}</span>}
    </button>
  );
}
