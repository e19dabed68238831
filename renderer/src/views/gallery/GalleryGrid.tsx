import { useEffect, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useElementSize } from '../../hooks/useElementSize';
import { useStudio } from '../../hooks/useStudio';
import { rowAt } from '../../store/galleryPages';
import { selectGallery } from '../../store/selectors';
import { GalleryTile, TilePlaceholder } from './GalleryTile';

const minTile = 132;
const gap = 8;
const captionHeight = 22;

/** Virtualised rows of tiles: only the visible rows exist in the page, only their pages are fetched. */
export function GalleryGrid() {
  const scroller = useRef<HTMLDivElement>(null);
  const { width } = useElementSize(scroller);
  const { total, pages, generation, filter } = useStudio(selectGallery);
  const showRange = useStudio((s) => s.showGalleryRange);
  const inner = Math.max(0, width - 2 * gap);
  const columns = Math.max(1, Math.floor((inner + gap) / (minTile + gap)));
  const tile = Math.max(minTile, Math.floor((inner - gap * (columns - 1)) / columns));
  const rowHeight = tile + captionHeight + gap;
  const rowCount = Math.ceil((total ?? 0) / columns);
  const virtual = useVirtualizer({ count: rowCount, getScrollElement: () => scroller.current, estimateSize: () => rowHeight, overscan: 3 });

  useEffect(() => virtual.measure(), [virtual, rowHeight]);
  useEffect(() => {
    scroller.current?.scrollTo({ top: 0 });
  }, [filter]);

  const rows = virtual.getVirtualItems();
  const start = (rows[0]?.index ?? 0) * columns;
  const end = rows.length ? (rows[rows.length - 1].index + 1) * columns : columns * 8;
  useEffect(() => showRange(start, end), [showRange, start, end, generation]);

  return (
    <div ref={scroller} className="gallery-scroll scroll" aria-label="Images" role="grid" aria-rowcount={rowCount}>
      {total === 0 && <p className="gallery-empty muted">No images match these filters.</p>}
      <div className="gallery-inner" style={{ height: virtual.getTotalSize() }}>
        {rows.map((row) => (
          <div key={row.key} role="row" className="gallery-row" style={{ transform: `translateY(${row.start}px)`, height: rowHeight, gap, gridTemplateColumns: `repeat(${columns}, ${tile}px)` }}>
            {Array.from({ length: columns }, (_, c) => {
              const index = row.index * columns + c;
              if (total !== null && index >= total) return null;
              const sample = rowAt(pages, index);
              return sample ? <GalleryTile key={sample.id} sample={sample} size={tile} /> : <TilePlaceholder key={`p${index}`} size={tile} />;
            })}
          </div>
        ))}
      </div>
    </div>
  );
}
