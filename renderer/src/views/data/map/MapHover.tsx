import type { MapPoints } from '../../../../../shared/contract/quality';
import type { ClassDef } from '../../../../../shared/domain/records';
import { imageUrl } from '../../../api/studioApi';

const splits = ['train', 'val', 'test'];

/** The hovered point's thumbnail and facts, beside the pointer. */
export function MapHover({ points, index, x, y, classes }: { points: MapPoints; index: number; x: number; y: number; classes: readonly ClassDef[] }) {
  const name = (c: number) => (c >= 0 ? (classes.find((d) => d.id === points.classIds[c])?.name ?? '?') : '—');
  const flags = points.flags[index];
  return (
    <div className="map-hover" style={{ left: x + 14, top: y + 14 }} role="tooltip">
      <img src={imageUrl(points.ids[index], 'thumb')} alt="" />
      <dl>
        <dt>label</dt>
        <dd>{name(points.label[index])}</dd>
        <dt>model</dt>
        <dd>
          {name(points.predicted[index])}
          {points.confidence[index] >= 0 ? ` ${(points.confidence[index] * 100).toFixed(0)}%` : ''}
        </dd>
        <dt>split</dt>
        <dd>{splits[points.split[index]]}</dd>
      </dl>
      {flags ? <p className="faint">{[flags & 1 && 'suspected label', flags & 2 && 'outlier', flags & 4 && 'duplicate'].filter(Boolean).join(' · ')}</p> : null}
    </div>
  );
}
